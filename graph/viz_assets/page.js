/* epkg viz: the page's behaviour. Data comes from the JSON block only; every piece
   of it is shown with textContent or DOM nodes, never as markup. */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('epkg-data').textContent);
  var state = { view: 'mentions', hidden: new Set(), query: '' };
  var order = new Map(); // node id -> document order, for listing units

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function fold(s) {
    return String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
  }

  // ---- the graph -------------------------------------------------------------
  var degree = new Map();
  data.mentions.edges.forEach(function (e) {
    if (e.data.kind === 'mentions') { degree.set(e.data.target, (degree.get(e.data.target) || 0) + 1); }
  });
  var nodes = data.mentions.nodes.map(function (n, i) {
    order.set(n.data.id, i);
    n.data.size = n.data.group === 'unit' ? 14 : Math.min(56, 16 + 5 * Math.sqrt(degree.get(n.data.id) || 0));
    return { group: 'nodes', data: n.data, position: { x: n.position.x, y: n.position.y } };
  });
  var edges = data.mentions.edges.map(function (e) { return { group: 'edges', data: e.data }; });
  var coMentionsAdded = false; // added on first use: they can outnumber everything else

  var legend = data.legend.entityTypes.concat(data.legend.unitKinds);
  var style = [
    { selector: 'node', style: {
      'background-color': 'data(color)', 'label': 'data(label)', 'font-size': 9,
      'text-valign': 'bottom', 'text-margin-y': 2, 'text-wrap': 'ellipsis', 'text-max-width': 140,
      'min-zoomed-font-size': 7, 'border-width': 1, 'border-color': '#444',
      'width': 'data(size)', 'height': 'data(size)' } },
    { selector: 'node[group = "unit"]', style: { 'font-size': 7, 'color': '#555' } },
    { selector: 'edge', style: {
      'width': 'mapData(weight, 1, 6, 0.8, 4)', 'line-color': '#b5b5b5', 'opacity': 0.7,
      'curve-style': 'haystack', 'haystack-radius': 0 } },
    { selector: 'edge[kind = "part_of"]', style: { 'line-style': 'dashed', 'line-color': '#777' } },
    { selector: 'edge[kind = "footnote"]', style: { 'line-style': 'dotted', 'line-color': '#999' } },
    { selector: 'edge[kind = "co_mention"]', style: { 'line-color': '#6b8fc7' } },
    { selector: '.hidden', style: { 'display': 'none' } },
    { selector: '.faded', style: { 'opacity': 0.2 } },
    { selector: 'node.match', style: { 'border-width': 3, 'border-color': '#d00' } },
    { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#000' } }
  ];
  legend.forEach(function (t) {
    style.splice(2, 0, { selector: 'node[type = "' + t.type + '"]', style: { 'shape': t.shape } });
  });

  var big = nodes.length > 2000;
  var cy = cytoscape({
    container: document.getElementById('cy'),
    elements: nodes.concat(edges),
    style: style,
    layout: { name: 'preset', fit: true, padding: 30, animate: false },
    minZoom: 0.02, maxZoom: 6,
    textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false,
    pixelRatio: big ? 1 : 'auto'
  });

  // ---- visibility: view, filters, search -------------------------------------
  function applyVisibility() {
    cy.batch(function () {
      cy.nodes().forEach(function (n) {
        var hide = state.hidden.has(n.data('type')) ||
          (state.view === 'co-mentions' && n.data('group') === 'unit');
        n.toggleClass('hidden', hide);
      });
      cy.edges().forEach(function (e) {
        var co = e.data('kind') === 'co_mention';
        var hide = (state.view === 'co-mentions') !== co ||
          e.source().hasClass('hidden') || e.target().hasClass('hidden');
        e.toggleClass('hidden', hide);
      });
    });
    var shownNodes = cy.nodes().not('.hidden').length;
    var shownEdges = cy.edges().not('.hidden').length;
    var counts = document.getElementById('counts');
    counts.textContent = shownNodes + ' nodes · ' + shownEdges + ' edges';
    counts.dataset.nodes = String(shownNodes);
    counts.dataset.edges = String(shownEdges);
  }

  function addFilters(fieldsetId, items) {
    var box = document.getElementById(fieldsetId);
    items.forEach(function (t) {
      var count = cy.nodes('[type = "' + t.type + '"]').length;
      var label = el('label');
      var input = el('input');
      input.type = 'checkbox';
      input.checked = true;
      input.value = t.type;
      input.addEventListener('change', function () {
        if (input.checked) { state.hidden.delete(t.type); } else { state.hidden.add(t.type); }
        applyVisibility();
      });
      var swatch = el('span', null, 'swatch');
      swatch.style.backgroundColor = t.color;
      label.append(input, swatch, el('span', t.type + ' (' + count + ')'));
      box.append(label);
    });
  }

  document.querySelectorAll('input[name="view"]').forEach(function (radio) {
    radio.addEventListener('change', function () {
      if (radio.checked) { setView(radio.value); }
    });
  });

  function setView(view) {
    state.view = view;
    if (view === 'co-mentions' && !coMentionsAdded) {
      coMentionsAdded = true;
      cy.add(data.coMentions.map(function (e) { return { group: 'edges', data: e.data }; }));
    }
    document.getElementById(view === 'mentions' ? 'view-mentions' : 'view-co-mentions').checked = true;
    applyVisibility();
  }

  function searchText(n) {
    return fold([n.data('label')].concat(n.data('altLabels') || []).join(' \u0001 '));
  }

  var searchBox = document.getElementById('search');
  var results = document.getElementById('results');
  function runSearch() {
    var q = fold(searchBox.value.trim());
    state.query = q;
    results.replaceChildren();
    cy.batch(function () {
      cy.nodes().removeClass('match');
      if (!q) { return; }
      var found = cy.nodes('[group = "entity"]').filter(function (n) {
        return searchText(n).indexOf(q) !== -1;
      });
      found.addClass('match');
      found.slice(0, 50).forEach(function (n) {
        var item = el('li');
        var button = el('button', n.data('label') + ' · ' + n.data('type'));
        button.type = 'button';
        button.dataset.id = n.id();
        button.addEventListener('click', function () { select(n.id(), true); });
        item.append(button);
        results.append(item);
      });
      if (found.length > 50) { results.append(el('li', '… ' + (found.length - 50) + ' more')); }
    });
  }
  searchBox.addEventListener('input', runSearch);
  searchBox.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') {
      var first = results.querySelector('button');
      if (first) { select(first.dataset.id, true); }
    }
  });

  // ---- details ---------------------------------------------------------------
  var details = document.getElementById('details');

  /* The text with [begin, end) spans (Unicode code points, as NIF counts them) in <mark>. */
  function highlighted(text, spans) {
    var box = el('div', null, 'unit-text');
    var chars = Array.from(text || '');
    var sorted = spans.slice().sort(function (a, b) { return a.begin - b.begin || b.end - a.end; });
    var pos = 0;
    sorted.forEach(function (s) {
      if (s.begin < pos || s.end > chars.length || s.begin >= s.end) { return; }
      box.append(document.createTextNode(chars.slice(pos, s.begin).join('')));
      var mark = el('mark', chars.slice(s.begin, s.end).join(''));
      if (s.title) { mark.title = s.title; }
      box.append(mark);
      pos = s.end;
    });
    box.append(document.createTextNode(chars.slice(pos).join('')));
    return box;
  }

  function spansOf(edge, title) {
    return (edge.data('spans') || []).map(function (s) { return { begin: s[0], end: s[1], title: title }; });
  }

  function nodeButton(n, text) {
    var b = el('button', text, 'unit-ref');
    b.type = 'button';
    b.dataset.id = n.id();
    b.addEventListener('click', function () { select(n.id(), true); });
    return b;
  }

  function showUnit(n) {
    details.replaceChildren();
    details.dataset.kind = 'unit';
    details.dataset.id = n.id();
    details.append(el('h2', n.data('label')));
    details.append(el('p', n.data('type') + ' · ' + (n.data('documentTitle') || n.data('document') || ''), 'meta'));
    var mentionEdges = n.connectedEdges('[kind = "mentions"]').filter(function (e) { return e.source().same(n); });
    var spans = [];
    mentionEdges.forEach(function (e) { spans = spans.concat(spansOf(e, e.target().data('label'))); });
    var text = highlighted(n.data('text'), spans);
    text.id = 'unit-text';
    details.append(text);
    if (mentionEdges.length) {
      details.append(el('h3', 'Names ' + mentionEdges.length + (mentionEdges.length === 1 ? ' entity' : ' entities')));
      var list = el('ul');
      mentionEdges.targets().sort(function (a, b) { return order.get(a.id()) - order.get(b.id()); })
        .forEach(function (t) {
          var li = el('li');
          li.append(nodeButton(t, t.data('label')), document.createTextNode(' · ' + t.data('type')));
          list.append(li);
        });
      details.append(list);
    }
    details.append(el('p', n.id(), 'meta'));
  }

  function showEntity(n) {
    details.replaceChildren();
    details.dataset.kind = 'entity';
    details.dataset.id = n.id();
    details.append(el('h2', n.data('label')));
    var meta = n.data('type');
    if ((n.data('roles') || []).length) { meta += ' · ' + n.data('roles').join(', '); }
    details.append(el('p', meta, 'meta'));
    if ((n.data('altLabels') || []).length) {
      details.append(el('p', 'Also written: ' + n.data('altLabels').join(' · '), 'meta'));
    }
    var mentionEdges = n.connectedEdges('[kind = "mentions"]').filter(function (e) { return e.target().same(n); })
      .sort(function (a, b) { return order.get(a.source().id()) - order.get(b.source().id()); });
    details.append(el('h3', 'Named in ' + mentionEdges.length + (mentionEdges.length === 1 ? ' unit' : ' units')));
    var list = el('div', null, 'mentions');
    mentionEdges.forEach(function (e) {
      var u = e.source();
      var item = el('section', null, 'mention');
      item.dataset.unit = u.id();
      var heading = el('div');
      heading.append(nodeButton(u, u.data('label')));
      if (u.data('documentTitle')) { heading.append(document.createTextNode(' · ' + u.data('documentTitle'))); }
      item.append(heading, highlighted(u.data('text'), spansOf(e, null)));
      list.append(item);
    });
    details.append(list);
    details.append(el('p', n.id(), 'meta'));
  }

  function select(id, center) {
    var n = cy.getElementById(id);
    if (n.empty()) { return; }
    cy.batch(function () {
      cy.elements().unselect().removeClass('faded');
      n.select();
      cy.elements().not(n.closedNeighborhood()).addClass('faded');
    });
    if (center) { cy.center(n); }
    if (n.data('group') === 'unit') { showUnit(n); } else { showEntity(n); }
  }

  function clearSelection() {
    cy.elements().unselect().removeClass('faded');
  }

  cy.on('tap', 'node', function (ev) { select(ev.target.id(), false); });
  cy.on('tap', function (ev) { if (ev.target === cy) { clearSelection(); } });
  document.addEventListener('keydown', function (ev) { if (ev.key === 'Escape') { clearSelection(); } });
  document.getElementById('fit').addEventListener('click', function () {
    cy.fit(cy.elements().not('.hidden'), 30);
  });

  addFilters('entity-types', data.legend.entityTypes);
  addFilters('unit-kinds', data.legend.unitKinds);
  applyVisibility();

  window.epkgViz = { cy: cy, select: select, setView: setView, ready: true };
}());
