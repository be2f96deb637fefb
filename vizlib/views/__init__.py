"""Altair building blocks shared by the demos.

    controls     sliders, menus and checkboxes (Vega-Lite params bound to inputs)
    expressions  Vega expressions that evaluate a small network in the browser
    arrays       unpacking array-valued fields into one row per element
    lines        metric curves over training steps, with a marker at the current step
    boundary     a classifier's decision boundary as a heatmap, computed live
    network      a node-link diagram of a computational graph
    pixels       8x8 images and per-pixel heatmaps
    scatter      2-D projections of activations
    matrix       a neuron-activation matrix aggregated by class

Views fix no background colour and no text colour: the page or site that embeds them
applies its own light or dark theme.
"""
