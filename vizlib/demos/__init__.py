"""One module per demo. Each defines INFO (a registry.DemoInfo) and build(options, progress)."""
