/* Mounts Vega-Lite charts: every <div class="vl-chart" data-vl-spec="URL"> on the page.
 * Specs live in JSON files (never inline), mounted from Material's document$ so that
 * charts work with instant navigation, and re-rendered when the palette switches.
 * Vega itself (900 KB) is loaded on the first page that has a chart, not on every page.
 * On a narrow screen the panels of a chart stack in one column, and the charts are drawn
 * again when the window crosses that width.
 * A choice made with a chart's drop-down lists (the heatmap's rows and columns) is kept in
 * the address bar, ?rows=...&columns=..., so that the view is a link and survives a reload.
 */
(function () {
  "use strict";

  var specs = {};  // url -> Promise of spec
  var bundleUrl = new URL("../vendor/vega-bundle.js", document.currentScript.src).href;
  var vega = null;  // Promise, resolved once vegaEmbed is defined

  function loadVega() {
    vega = vega || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = bundleUrl;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + bundleUrl)); };
      document.head.appendChild(script);
    });
    return vega;
  }

  var narrow = window.matchMedia("(max-width: 699.98px)");

  // Parts of a spec that hold data or settings, never panels: left as they are.
  function notPanels(key) {
    return key === "datasets" || key === "data" || key === "config";
  }

  // The spec with every hconcat turned into a vconcat and every wrapped concat into one
  // column, at any depth (a row of panels inside a column of rows too).
  function stacked(spec) {
    if (Array.isArray(spec)) return spec.map(stacked);
    if (spec === null || typeof spec !== "object") return spec;
    var out = {};
    Object.keys(spec).forEach(function (key) {
      if (notPanels(key)) out[key] = spec[key];
      else if (key === "hconcat") out.vconcat = stacked(spec[key]);
      else out[key] = stacked(spec[key]);
    });
    if (out.concat) out.columns = 1;
    return out;
  }

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  // The spec with every panel at most `widest` px wide; heights stay (rows of a matrix keep
  // room for their labels).
  function narrowed(spec, widest) {
    if (Array.isArray(spec)) return spec.map(function (part) { return narrowed(part, widest); });
    if (spec === null || typeof spec !== "object") return spec;
    var out = {};
    Object.keys(spec).forEach(function (key) {
      out[key] = notPanels(key) ? spec[key] : narrowed(spec[key], widest);
    });
    if (typeof out.width === "number" && out.width > widest) out.width = widest;
    return out;
  }

  function widestPanel(spec) {
    if (spec === null || typeof spec !== "object") return 0;
    return Object.keys(spec).reduce(function (most, key) {
      return notPanels(key) ? most : Math.max(most, widestPanel(spec[key]));
    }, typeof spec.width === "number" ? spec.width : 0);
  }

  // Draws the chart; on a narrow screen a chart wider than its place is drawn again with
  // narrower panels (up to `tries` times), rather than shrunk with its text. Yields the view.
  function draw(node, spec, tries) {
    if (node._vlView) node._vlView.finalize();
    // Charts sit on the page's own background in both schemes (Vega's dark theme is #333).
    var options = { actions: false, renderer: "svg", tooltip: { theme: dark() ? "dark" : "light" },
                    config: { background: getComputedStyle(document.body).backgroundColor } };
    if (dark()) options.theme = "dark";
    // Narrowed panels may have less room than their labels: every other one is left out.
    if (narrow.matches) options.config.axis = { labelOverlap: "parity" };
    return vegaEmbed(node, spec, options).then(function (result) {
      node._vlView = result.view;
      var svg = node.querySelector("svg");
      var excess = svg ? svg.width.baseVal.value - node.clientWidth : 0;
      var widest = widestPanel(spec);
      if (!narrow.matches || excess <= 0 || tries <= 1 || widest - excess < 80) return result.view;
      return draw(node, narrowed(spec, Math.floor(widest - excess)), tries - 1);
    });
  }

  // The spec's drop-down parameters, with the values the address bar names (when they are
  // among the choices).
  function fromUrl(spec) {
    var query = new URLSearchParams(location.search);
    var params = (spec.params || []).map(function (p) {
      var wanted = query.get(p.name);
      if (!p.bind || p.bind.input !== "select" || wanted === null || (p.bind.options || []).indexOf(wanted) < 0) return p;
      return Object.assign({}, p, { value: wanted });
    });
    return Object.assign({}, spec, { params: params });
  }

  // A choice in a drop-down goes into the address bar (the same history entry), and the
  // chart is laid out anew: other categories have labels of other lengths.
  function keepInUrl(spec, view) {
    (spec.params || []).forEach(function (p) {
      if (!p.bind || p.bind.input !== "select") return;
      view.addSignalListener(p.name, function (name, value) {
        var url = new URL(location.href);
        url.searchParams.set(name, value);
        history.replaceState(history.state, "", url.href);
        setTimeout(function () { view.resize().runAsync(); }, 0);
      });
    });
  }

  function render(node) {
    var url = new URL(node.dataset.vlSpec, location.href).href;
    specs[url] = specs[url] || fetch(url).then(function (r) {
      if (!r.ok) throw new Error("cannot load chart " + url + ": " + r.status);
      return r.json();
    });
    return Promise.all([specs[url], loadVega()]).then(function (loaded) {
      var spec = fromUrl(narrow.matches ? stacked(loaded[0]) : loaded[0]);
      // Vega names the chart it draws after the spec's description, "Vega visualization"
      // without one: such a spec takes the name the page gave its figure.
      var label = node.getAttribute("aria-label");
      if (!spec.description && label) spec = Object.assign({}, spec, { description: label });
      return draw(node, spec, 3).then(function (view) {
        keepInUrl(spec, view);
        // Specs that declare a `dark` parameter pick text colours that read on this scheme.
        if ((spec.params || []).some(function (p) { return p.name === "dark"; })) {
          return view.signal("dark", dark()).runAsync();
        }
      });
    }).then(function () {
      node.dataset.rendered = "true";
    }).catch(function (err) {
      node.textContent = "This chart could not be drawn: " + err.message;
      node.dataset.rendered = "failed";
      console.error(err);
    });
  }

  function mountAll() {
    document.querySelectorAll(".vl-chart[data-vl-spec]").forEach(function (node) {
      if (!node.dataset.rendered) render(node);
    });
  }

  function renderDrawn() {
    document.querySelectorAll(".vl-chart[data-rendered=true]").forEach(render);
  }

  new MutationObserver(renderDrawn)
    .observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  narrow.addEventListener("change", renderDrawn);

  if (window.document$) window.document$.subscribe(mountAll);
  else document.addEventListener("DOMContentLoaded", mountAll);
})();
