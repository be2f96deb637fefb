/* Site search: a search field in the header of every page, and the results on /search/.
 *
 * The index is Pagefind's (site_src/pipeline/search.py writes it into pagefind/ after the
 * builder): pagefind.js is imported on the search page only, and fetches the index chunks
 * a query needs, so no page downloads a whole-site index. Works are indexed from their
 * records (title, authors, venue, year, categories), the other pages from their text.
 *
 * Record text reaches the page as text only: titles and authors through textContent, and
 * excerpts (which Pagefind returns as HTML with <mark>) parsed in an inert document, of
 * which only the text and the marks are copied.
 *
 * The header field answers as you type: the first results drop down under it (Pagefind is
 * loaded when the field gets focus, so that the first keystrokes are answered at once);
 * Enter still opens /search/ with every result. Arrow Down moves into the list, Escape
 * closes it.
 *
 * A query that looks like one of the table's (`facet:category`, `author:name`) is offered as a
 * link to /table/?q=...: the table's own filter answers those, site search does not.
 *
 * Mounted from Material's document$ (instant navigation), or on DOMContentLoaded.
 */
(function () {
  "use strict";

  // The site's root, from this script's own address (".../assets/js/site-search.js"):
  // right for a site deployed under a path too.
  var SCRIPT = document.currentScript && document.currentScript.src;
  var BASE = SCRIPT ? new URL("../../", SCRIPT).pathname : "/";
  var PAGE = 10;  // results shown at once: each needs its own small fetch
  var DEBOUNCE_MS = 50;  // a query per pause in typing, not per key
  var TABLE_QUERY = /(^|\s)-?[A-Za-z_]+:\S/;
  var DROPDOWN = 6;  // results under the header field; the rest are on /search/
  var pagefind = null;

  function el(tag, props, children) {
    var node = document.createElement(tag);
    Object.keys(props || {}).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else node.setAttribute(k, props[k]);
    });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  // The header field: a plain form that opens /search/?q=... (no script needed to submit).
  function mountHeader() {
    var header = document.querySelector(".md-header__inner");
    if (!header || header.querySelector(".site-search-header")) return;
    var form = el("form", { "class": "site-search-header", role: "search", action: BASE + "search/" }, [
      el("input", { type: "search", name: "q", "aria-label": "Search the site", placeholder: "Search",
                    autocomplete: "off", "class": "site-search-header__input" })
    ]);
    var source = header.querySelector(".md-header__source");
    header.insertBefore(form, source);
    new HeaderSearch(form);
  }

  // Results as you type, under the header field.
  function HeaderSearch(form) {
    var self = this;
    this.form = form;
    this.input = form.querySelector("input");
    this.status = el("p", { "class": "site-search-header__status", role: "status" });
    this.list = el("ul", { "class": "site-search-header__list" });
    this.all = el("a", { "class": "site-search-header__all" });
    this.panel = el("div", { "class": "site-search-header__results", id: "site-search-header-results", hidden: "" },
                    [this.status, this.list, this.all]);
    this.input.setAttribute("aria-controls", this.panel.id);
    form.appendChild(this.panel);
    this.latest = 0;
    var warm = function () {
      loadPagefind().then(function () { form.dataset.searchReady = "true"; }, function () {});
    };
    this.input.addEventListener("focus", warm);
    this.input.addEventListener("input", function () { self.run(); });
    this.input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" && !self.panel.hidden && self.list.firstChild) {
        event.preventDefault();
        self.list.querySelector("a").focus();
      } else if (event.key === "Escape") {
        self.close();
      }
    });
    this.panel.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(self.panel.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" && at >= 0 && at < links.length - 1) { event.preventDefault(); links[at + 1].focus(); }
      else if (event.key === "ArrowUp" && at > 0) { event.preventDefault(); links[at - 1].focus(); }
      else if (event.key === "ArrowUp" && at === 0) { event.preventDefault(); self.input.focus(); }
      else if (event.key === "Escape") { self.close(); self.input.focus(); }
    });
    form.addEventListener("focusout", function (event) {
      if (!form.contains(event.relatedTarget)) self.close();
    });
  }

  HeaderSearch.prototype.close = function () {
    this.latest++;
    this.panel.hidden = true;
  };

  // No debounce: each keystroke searches at once (Pagefind fetches only the chunks a word
  // needs, and caches them), and an answer overtaken by a later keystroke is dropped. Each
  // result is listed as soon as its own data arrives, in Pagefind's order.
  HeaderSearch.prototype.run = function () {
    var self = this, query = this.input.value.trim(), ticket = ++this.latest;
    if (!query) { this.panel.hidden = true; return; }
    loadPagefind().then(function (module) { return module.search(query); })
      .then(function (search) {
        if (!search || ticket !== self.latest) return null;
        var total = search.results.length, first = search.results.slice(0, DROPDOWN);
        var items = first.map(function () { return el("li", { hidden: "" }); });
        self.list.replaceChildren.apply(self.list, items);
        self.status.textContent = total ? (total === 1 ? "1 result" : total + " results") + " for “" + query + "”"
                                        : "No results for “" + query + "”";
        self.all.href = BASE + "search/?q=" + encodeURIComponent(query);
        self.all.textContent = total > first.length ? "All " + total + " results" : "Open the search page";
        self.panel.hidden = false;
        if (!first.length) self.form.dataset.shown = query;
        first.forEach(function (result, i) {
          result.data().then(function (d) {
            if (ticket !== self.latest) return;
            var meta = d.meta || {};
            items[i].replaceChildren(el("a", { href: d.url, text: meta.title || d.url }),
              meta.kind === "work" ? el("span", { "class": "site-search-header__meta",
                text: [meta.authors, meta.year].filter(Boolean).join(" · ") }) : el("span"));
            items[i].hidden = false;
            if (i === 0) self.form.dataset.shown = query;  // for the tests: the first result is listed
          });
        });
      })
      .catch(function () {
        // No index (`make serve`): the field still opens /search/, which says why.
        if (ticket === self.latest) self.panel.hidden = true;
      });
  };

  // Pagefind's script, its WebAssembly and the index's entry point: loaded once, when the
  // search page opens; the chunks a query needs come with each query.
  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(BASE + "pagefind/pagefind.js").then(function (module) {
        return module.options({ excerptLength: 24 })
          .then(function () { return module.init(); })
          .then(function () { return module; });
      });
    }
    return pagefind;
  }

  // Pagefind's excerpt is HTML: only its text and <mark> elements are kept.
  function excerpt(html) {
    var out = el("p", { "class": "site-search__excerpt" });
    var inert = new DOMParser().parseFromString("<body>" + html, "text/html").body;
    inert.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) out.appendChild(document.createTextNode(node.textContent));
      else if (node.nodeName === "MARK") out.appendChild(el("mark", { text: node.textContent }));
    });
    return out;
  }

  function resultItem(data) {
    var meta = data.meta || {};
    var item = el("li", { "class": "site-search__result" }, [
      el("a", { href: data.url, text: meta.title || data.url })
    ]);
    if (meta.kind === "work") {
      item.appendChild(el("p", { "class": "site-search__meta",
                                 text: [meta.authors, meta.year].filter(Boolean).join(" · ") }));
    } else {
      item.appendChild(excerpt(data.excerpt || ""));
    }
    return item;
  }

  function SearchPage(root) {
    this.input = root.querySelector("input[name=q]");
    this.status = root.querySelector("[role=status]");
    this.tableHint = root.querySelector(".site-search__table");
    this.list = root.querySelector(".site-search__results");
    this.more = root.querySelector(".site-search__more");
    this.latest = 0;
    this.results = [];
    this.query = "";
    var self = this;
    this.more.addEventListener("click", function () { self.showMore(self.latest); });
    root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      self.run();
    });
    this.input.addEventListener("input", function () { self.run(); });
    this.input.value = new URL(location.href).searchParams.get("q") || "";
    root.dataset.mounted = "true";
    loadPagefind().catch(function (err) { self.fail(err); });
    if (this.input.value) this.run();
  }

  SearchPage.prototype.run = function () {
    var self = this, query = this.input.value.trim(), ticket = ++this.latest;
    var url = new URL(location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    history.replaceState(history.state, "", url.href);
    this.showTableHint(query);
    if (!query) { this.query = ""; this.results = []; this.list.replaceChildren(); this.show(0); return; }
    loadPagefind().then(function (module) { return module.debouncedSearch(query, {}, DEBOUNCE_MS); })
      .then(function (search) {
        if (!search || ticket !== self.latest) return null;  // a later keystroke took over
        self.results = search.results;
        self.query = query;
        self.list.replaceChildren();
        return self.showMore(ticket);
      })
      .catch(function (err) { self.fail(err); });
  };

  // The next PAGE results after those listed, appended; the status counts them.
  SearchPage.prototype.showMore = function (ticket) {
    var self = this, start = this.list.children.length;
    return Promise.all(this.results.slice(start, start + PAGE).map(function (r) { return r.data(); }))
      .then(function (data) {
        if (ticket !== self.latest) return;
        data.forEach(function (d) { self.list.appendChild(resultItem(d)); });
        self.show(self.results.length);
        if (start > 0 && data.length) self.list.children[start].querySelector("a").focus();
      });
  };

  // No index: a site served by `make serve`, which runs no indexer (README, "Site search").
  SearchPage.prototype.fail = function (err) {
    this.status.textContent = "Search is unavailable: this build of the site has no search index.";
    console.error(err);
  };

  SearchPage.prototype.showTableHint = function (query) {
    var looksLikeTable = TABLE_QUERY.test(query);
    this.tableHint.hidden = !looksLikeTable;
    this.tableHint.textContent = "";
    if (looksLikeTable) {
      this.tableHint.appendChild(document.createTextNode("This looks like a table query: "));
      this.tableHint.appendChild(el("a", { href: BASE + "table/?q=" + encodeURIComponent(query),
                                           text: "filter the table by " + query }));
      this.tableHint.appendChild(document.createTextNode("."));
    }
  };

  SearchPage.prototype.show = function (total) {
    var shown = this.list.children.length, query = this.query;
    this.more.hidden = shown >= total;
    this.status.textContent = !query ? "" :
      total ? (total === 1 ? "1 result" : total + " results") + " for “" + query + "”" +
              (total > shown ? ", " + shown + " shown" : "")
            : "No results for “" + query + "”";
  };

  function mount() {
    mountHeader();
    document.querySelectorAll("[data-site-search]").forEach(function (root) {
      if (!root.dataset.mounted) new SearchPage(root);
    });
  }

  if (window.document$) window.document$.subscribe(mount);
  else if (document.readyState !== "loading") mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
