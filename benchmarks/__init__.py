"""The benchmark suite (`make bench`): every figure is a ratio against a floor measured in
the same run, because the machines it runs on are shared and their speed drifts."""
