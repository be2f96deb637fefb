/* Loads the live explorables' scripts only on pages that hold a live demo, and only the
 * ones that demo needs: the engine, the shared helpers, then the demo's own script, in that
 * order. Runs from Material's document$ (every instant navigation), or once the page is
 * parsed where there is none (Zensical, plain pages), so the text comes first. Each script
 * loads once; a demo script mounts itself on the current page (LiveUI.mount).
 */
(function () {
  "use strict";

  var base = new URL(".", document.currentScript.src).href;
  var SHARED = ["mlp-engine.js", "live-common.js"];
  // the class {{ live(...) }} gives a demo's element -> its script, or its scripts in order
  // (site_src/pages/explorables.py LIVE_DEMOS)
  var SCRIPTS = {"live-classifier": "live-classifier.js", "live-neuron": "live-neuron.js",
                 "live-digits": "live-digits.js", "live-instances": "live-instances.js", "live-training": "live-training.js",
                 "live-rnn": ["rnn-engine.js", "live-rnn.js"]};
  var loading = {};  // file -> Promise, resolved once it has run

  function load(file) {
    loading[file] = loading[file] || new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = base + file;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + script.src)); };
      document.head.appendChild(script);
    });
    return loading[file];
  }

  function inOrder(files) {
    return files.reduce(function (previous, file) { return previous.then(function () { return load(file); }); },
                        Promise.resolve());
  }

  function loadForPage() {
    var wanted = [];
    document.querySelectorAll(".live-demo[data-live]").forEach(function (node) {
      Object.keys(SCRIPTS).forEach(function (css) {
        if (!node.classList.contains(css)) return;
        [].concat(SCRIPTS[css]).forEach(function (file) { if (wanted.indexOf(file) < 0) wanted.push(file); });
      });
    });
    if (!wanted.length) return;
    inOrder(SHARED.concat(wanted)).catch(function (error) { console.error(error); });
  }

  if (window.document$) window.document$.subscribe(loadForPage);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", loadForPage);
  else loadForPage();
})();
