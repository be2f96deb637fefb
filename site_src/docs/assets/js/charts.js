/* Mounts Vega-Lite charts: every <div class="vl-chart" data-vl-spec="URL"> on the page.
 * Specs live in JSON files (never inline), mounted from Material's document$ so that
 * charts work with instant navigation, and re-rendered when the palette switches.
 * Vega itself (900 KB) is loaded on the first page that has a chart, not on every page.
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

  function dark() {
    return document.body.getAttribute("data-md-color-scheme") === "slate";
  }

  function render(node) {
    var url = new URL(node.dataset.vlSpec, location.href).href;
    specs[url] = specs[url] || fetch(url).then(function (r) {
      if (!r.ok) throw new Error("cannot load chart " + url + ": " + r.status);
      return r.json();
    });
    return Promise.all([specs[url], loadVega()]).then(function (loaded) {
      var spec = loaded[0];
      if (node._vlView) node._vlView.finalize();
      // Charts sit on the page's own background in both schemes (Vega's dark theme is #333).
      var options = { actions: false, renderer: "svg", tooltip: { theme: dark() ? "dark" : "light" },
                      config: { background: getComputedStyle(document.body).backgroundColor } };
      if (dark()) options.theme = "dark";
      return vegaEmbed(node, spec, options).then(function (result) {
        node._vlView = result.view;
        // Specs that declare a `dark` parameter pick text colours that read on this scheme.
        if ((spec.params || []).some(function (p) { return p.name === "dark"; })) {
          return result.view.signal("dark", dark()).runAsync();
        }
      }).then(function () {
        node.dataset.rendered = "true";
      });
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

  new MutationObserver(function () {
    document.querySelectorAll(".vl-chart[data-rendered=true]").forEach(render);
  }).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

  if (window.document$) window.document$.subscribe(mountAll);
  else document.addEventListener("DOMContentLoaded", mountAll);
})();
