/* The taxonomy table (/table/), mounted: the last of its scripts, once every method of
 * SurveyTable.Table is defined (survey-table-state.js says how the files divide the work).
 * Mounted from Material's document$ so that it works with instant navigation.
 */
(function () {
  "use strict";

  var ns = window.SurveyTable;

  function mount() {
    ns.fillCounts();
    document.querySelectorAll("[data-survey-table]").forEach(function (root) {
      if (root.dataset.mounted) return;
      root.dataset.mounted = "pending";
      ns.fetchJSON(root.dataset.works).then(function (data) { new ns.Table(root, data); })
        .catch(function (err) { root.dataset.mounted = "failed"; console.error(err); });
    });
  }

  if (window.document$) window.document$.subscribe(mount);
  else document.addEventListener("DOMContentLoaded", mount);
})();
