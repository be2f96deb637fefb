/* The Cite block's copy buttons on a work page: the BibTeX entry, the APA line and the
 * page's link, each copied to the clipboard with a confirmation in a live region, which
 * screen readers announce. The buttons are hidden until this script shows them, so a page
 * without JavaScript (or without a clipboard) offers no button that does nothing.
 *
 * Loaded by the work page itself (a script in its content, which Material's instant
 * navigation runs again on every visit): it sets up the buttons of the current page once.
 */
(function () {
  "use strict";

  function pageLink(box) {
    var canonical = document.querySelector('link[rel="canonical"]');
    if (canonical && canonical.href) return canonical.href;
    return new URL(box.getAttribute("data-page-link") || location.pathname, location.href).href;
  }

  function textOf(id) {
    var node = document.getElementById(id);
    return node ? node.textContent : "";
  }

  var WHAT = {
    bibtex: { text: function () { return textOf("cite-bibtex").replace(/\s+$/, "") + "\n"; }, done: "BibTeX copied to the clipboard." },
    apa: { text: function () { return textOf("cite-apa-text"); }, done: "APA citation copied to the clipboard." },
    link: { text: pageLink, done: "Link to this page copied to the clipboard." },
  };

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {  // http:// on a LAN: no async clipboard
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
      document.body.removeChild(area);
      if (ok) resolve(); else reject(new Error("copy refused"));
    });
  }

  function setUp() {
    var box = document.querySelector(".cite-copy");
    if (!box || box.getAttribute("data-ready") === "1") return;
    box.setAttribute("data-ready", "1");
    var status = box.querySelector(".cite-copy__status");
    box.querySelectorAll("button[data-copy]").forEach(function (button) {
      var what = WHAT[button.getAttribute("data-copy")];
      if (!what) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var text = what.text(box);
        status.textContent = "";
        copy(text).then(function () {
          // Emptied first: the same message twice in a row is announced again.
          window.setTimeout(function () { status.textContent = what.done; }, 50);
        }, function () {
          window.setTimeout(function () { status.textContent = "Could not copy: select the text and copy it instead."; }, 50);
        });
      });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
