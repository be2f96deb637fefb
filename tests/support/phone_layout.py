"""What a reader of a live explorable would see go wrong on a phone, measured in the page:
shared by the live widgets' own test page (tests/browser/test_live_phone.py) and the built
site's articles (tests/site/test_explorables_phone.py)."""

# Problems a reader would see, as readable lines. Text is measured as drawn (Range rects for
# HTML text, boxes for SVG text); an element may pass the screen's edge only inside a box
# that scrolls sideways, and then that box must fit.
LAYOUT_PROBLEMS = """(selector) => {
  const root = document.querySelector(selector), width = document.documentElement.clientWidth, problems = [];
  const name = node => (node.className && node.className.baseVal !== undefined ? node.className.baseVal : node.className) ||
                       node.tagName.toLowerCase();
  const scrolls = node => { for (let n = node.parentElement; n && n !== root.parentElement; n = n.parentElement) {
    const o = getComputedStyle(n).overflowX; if (o === 'auto' || o === 'scroll') return n; } return null; };
  const clipper = node => { for (let n = node.parentElement; n && n !== root.parentElement; n = n.parentElement) {
    const s = getComputedStyle(n); if (s.overflow !== 'visible' || n.tagName.toLowerCase() === 'svg' && s.overflow !== 'visible') return n; } return null; };
  for (const node of root.querySelectorAll('*')) {
    const box = node.getBoundingClientRect();
    if (!box.width || scrolls(node)) continue;
    if (box.right > width + 1 || box.left < -1) problems.push(`${name(node)} spans ${Math.round(box.left)}..${Math.round(box.right)} px on a ${width} px screen`);
  }
  const texts = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.textContent.trim()) continue;
    const parent = t.parentElement;
    if (parent.closest('option, select, [hidden], .lc-tooltip')) continue;
    const range = document.createRange(); range.selectNodeContents(t);
    const rects = parent.closest('svg') ? [parent.getBoundingClientRect()] : [...range.getClientRects()];
    for (const r of rects) if (r.width && r.height) texts.push({text: t.textContent.trim(), r, parent});
  }
  for (const {text, r, parent} of texts) {
    const box = clipper(parent);
    if (!box) continue;
    const c = box.getBoundingClientRect();
    if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1)
      problems.push(`"${text}" is cut off by ${name(box)}`);
  }
  for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
    const a = texts[i].r, b = texts[j].r;
    const overlap = Math.min(a.right, b.right) - Math.max(a.left, b.left), high = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (overlap > 1 && high > 1) problems.push(`"${texts[i].text}" and "${texts[j].text}" overlap`);
  }
  return problems;
}"""
