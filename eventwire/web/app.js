// The eventwire dashboard: a map, a timeline with a date brush, filters and an event panel,
// all fed by the HTTP API (GET /events, /events/{id}, /stats), following new events as they are
// stored (it polls GET /updates every ?refresh= seconds, 15 by default). Plain JS, no build step.
"use strict";

(() => {
  // ACLED's six event types, in the taxonomy's order, each with its colour on the map.
  const TYPES = [
    ["Battles", "#c0392b"],
    ["Explosions/Remote violence", "#e67e22"],
    ["Violence against civilians", "#8e44ad"],
    ["Riots", "#8d6e63"],
    ["Protests", "#2980b9"],
    ["Strategic developments", "#27ae60"],
  ];
  const COLOUR = Object.fromEntries(TYPES);
  const OTHER_COLOUR = "#7f8c8d";
  const TIME_PRECISION = { 1: "exact day", 2: "within a week", 3: "within a month" };
  const GEO_PRECISION = { 1: "town", 2: "near a town", 3: "region" };
  const UNKNOWN = "(unknown)";
  const PAGE = 1000; // the API's largest page
  const MAX_EVENTS = 20000; // drawn at most; narrow the filters for more
  const LIST_MAX = 500; // listed at most beside the map
  const DAY = 86400000;

  const state = { filters: {}, range: null, events: [], markers: new Map(), selected: null, loading: 0 };
  const $ = (id) => document.getElementById(id);

  // ---- small helpers ----------------------------------------------------------------------------

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "class") node.className = value;
      else if (key === "style") node.style.cssText = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : String(child));
    }
    return node;
  }

  function colourOf(type) {
    return COLOUR[type] || OTHER_COLOUR;
  }

  function hasCoordinates(event) {
    return Number.isFinite(event.latitude) && Number.isFinite(event.longitude);
  }

  function params(extra = {}) {
    const out = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...state.filters, ...extra })) {
      if (value !== undefined && value !== null && String(value).trim() !== "") out.set(key, String(value).trim());
    }
    return out;
  }

  // Reading may be token-protected (serve --read-token): ask once, keep it for the session.
  let token = sessionStorage.getItem("eventwire-token") || "";
  let asking = null;
  function askToken() {
    asking ??= Promise.resolve(window.prompt("This server needs a token to read events:") || "").then((given) => {
      token = given.trim();
      sessionStorage.setItem("eventwire-token", token);
      asking = null;
      return Boolean(token);
    });
    return asking;
  }

  async function getJSON(url, retry = true) {
    const headers = { Accept: "application/json" };
    if (token) headers.Authorization = `Bearer ${token}`;
    const response = await fetch(url, { headers });
    if (response.status === 401 && retry && (await askToken())) return getJSON(url, false);
    if (!response.ok) {
      let detail = response.statusText;
      try {
        const body = await response.json();
        detail = typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail ?? body);
      } catch (_) {
        /* not JSON: keep the status text */
      }
      throw new Error(`${url.split("?")[0]}: ${response.status} ${detail}`);
    }
    return response.json();
  }

  async function fetchAllEvents(query) {
    const events = [];
    let total = 0;
    for (let offset = 0; offset < MAX_EVENTS; offset += PAGE) {
      query.set("limit", PAGE);
      query.set("offset", offset);
      const page = await getJSON(`events?${query}`);
      total = page.total;
      events.push(...page.events);
      if (page.events.length < PAGE || events.length >= total) break;
    }
    return { events, total };
  }

  function setStatus(message, isError = false) {
    const status = $("status");
    status.textContent = message;
    status.classList.toggle("error", isError);
  }

  const fmt = (n) => Number(n).toLocaleString("en");
  const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
  const dayMs = (iso) => Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);

  // ---- map ---------------------------------------------------------------------------------------

  const map = L.map("map", { worldCopyJump: true, zoomSnap: 0.5, minZoom: 2, maxZoom: 13 }).setView([48.5, 32], 5);
  const pageQuery = new URLSearchParams(location.search);
  if (pageQuery.get("tiles")) {
    // Optional background tiles, e.g. ?tiles=https://HOST/{z}/{x}/{y}.png&attribution=...
    L.tileLayer(pageQuery.get("tiles"), { attribution: pageQuery.get("attribution") || "" }).addTo(map);
  } else {
    drawLand();
  }
  map.attributionControl.setPrefix("Leaflet · land outline: Natural Earth");

  async function drawLand() {
    try {
      const topology = await getJSON("vendor/world-atlas/land-50m.json");
      L.geoJSON(topojson.feature(topology, topology.objects.land), {
        interactive: false,
        style: { color: "#b7b09c", weight: 1, fillColor: "#f7f5ef", fillOpacity: 1 },
      }).addTo(map);
    } catch (error) {
      console.warn("no land outline:", error);
    }
  }

  const clusters = L.markerClusterGroup({
    maxClusterRadius: 36,
    chunkedLoading: true,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    iconCreateFunction: clusterIcon,
  }).addTo(map);

  // A cluster is a ring whose arcs show the share of each event type inside it.
  function clusterIcon(cluster) {
    const children = cluster.getAllChildMarkers();
    const counts = new Map();
    for (const marker of children) counts.set(marker.options.eventType, (counts.get(marker.options.eventType) || 0) + 1);
    let angle = 0;
    const stops = [];
    for (const [type, count] of counts) {
      const next = angle + (360 * count) / children.length;
      stops.push(`${colourOf(type)} ${angle}deg ${next}deg`);
      angle = next;
    }
    const size = children.length < 10 ? 34 : children.length < 100 ? 40 : 48;
    return L.divIcon({
      className: "ev-cluster",
      iconSize: [size, size],
      html: `<div style="background: conic-gradient(${stops.join(",")})"><span>${children.length}</span></div>`,
    });
  }

  // A town (or near-town) event is a dot; a region-level event is a wide dashed disc: its place is
  // only known to the region, and the map must not suggest more precision than that.
  function eventMarker(event) {
    const region = Number(event.geo_precision) === 3;
    const size = region ? 44 : 16;
    const icon = L.divIcon({
      className: `ev-marker ${region ? "ev-region" : "ev-point"} ev-prec-${event.geo_precision ?? "x"}`,
      iconSize: [size, size],
      html: `<span style="--c: ${colourOf(event.event_type)}" data-event-id="${encodeURIComponent(event.event_id)}"></span>`,
    });
    const marker = L.marker([event.latitude, event.longitude], {
      icon,
      eventType: event.event_type,
      title: `${event.event_date} · ${event.sub_event_type || event.event_type} · ${placeName(event)}`,
      riseOnHover: true,
    });
    marker.on("click", () => openEvent(event.event_id, false));
    return marker;
  }

  function drawMarkers(events, fit) {
    clusters.clearLayers();
    state.markers.clear();
    const markers = [];
    for (const event of events) {
      if (!hasCoordinates(event)) continue;
      const marker = eventMarker(event);
      state.markers.set(event.event_id, marker);
      markers.push(marker);
    }
    clusters.addLayers(markers);
    if (fit && markers.length) {
      map.fitBounds(L.latLngBounds(markers.map((m) => m.getLatLng())).pad(0.15), { maxZoom: 9, animate: false });
    }
    return markers.length;
  }

  const legend = L.control({ position: "bottomleft" });
  legend.onAdd = () =>
    el(
      "div",
      { class: "legend" },
      TYPES.map(([type, colour]) => el("div", {}, el("i", { class: "swatch", style: `--c: ${colour}` }), type)),
      el("div", { class: "legend-precision" }, el("i", { class: "swatch point" }), "town", el("i", { class: "swatch region" }), "region only"),
    );
  legend.addTo(map);

  // ---- list and event panel ---------------------------------------------------------------------

  function placeName(event) {
    return [event.location, event.admin1, event.country].filter((x, i, all) => x && all.indexOf(x) === i).join(", ") || "place unknown";
  }

  function drawList(events, total, mapped) {
    const shown = events.length < total ? `Newest ${fmt(events.length)} of ${fmt(total)}` : fmt(total);
    $("list-title").textContent = `${shown} event${total === 1 ? "" : "s"} · ${fmt(mapped)} on the map`;
    const list = $("event-list");
    list.replaceChildren(
      ...events.slice(0, LIST_MAX).map((event) =>
        el(
          "li",
          {},
          el(
            "button",
            { type: "button", class: "event-item", "data-event-id": event.event_id, onclick: () => openEvent(event.event_id, true) },
            el("i", { class: "swatch", style: `--c: ${colourOf(event.event_type)}` }),
            el(
              "span",
              { class: "item-main" },
              el("strong", {}, event.sub_event_type || event.event_type || "Event"),
              el("span", { class: "item-place" }, placeName(event)),
            ),
            el(
              "span",
              { class: "item-side" },
              el("span", {}, event.event_date || "undated"),
              event.fatalities > 0 ? el("span", { class: "deaths" }, `${event.fatalities} killed`) : null,
              hasCoordinates(event) ? null : el("span", { class: "badge" }, "not on map"),
            ),
          ),
        ),
      ),
    );
    if (!events.length) list.append(el("li", { class: "empty" }, "No events match these filters."));
    if (events.length > LIST_MAX) list.append(el("li", { class: "empty" }, `… and ${events.length - LIST_MAX} more on the map: narrow the filters or the dates to list them.`));
    const actors = new Set(events.flatMap((e) => [e.actor1, e.actor2]).filter(Boolean));
    $("actors").replaceChildren(...[...actors].sort().map((a) => el("option", { value: a })));
  }

  function showList() {
    markDay(null);
    $("detail-view").hidden = true;
    $("list-view").hidden = false;
    selectMarker(null);
  }

  function selectMarker(eventId) {
    if (state.selected) state.markers.get(state.selected)?.getElement()?.classList.remove("selected");
    state.selected = eventId;
    const marker = eventId && state.markers.get(eventId);
    if (!marker) return;
    const mark = () => marker.getElement()?.classList.add("selected");
    clusters.zoomToShowLayer(marker, mark);
  }

  async function openEvent(eventId, focusMap) {
    $("list-view").hidden = true;
    $("detail-view").hidden = false;
    const detail = $("detail");
    detail.replaceChildren(el("p", { class: "muted" }, "Loading…"));
    try {
      const event = await getJSON(`events/${encodeURIComponent(eventId)}`);
      detail.replaceChildren(renderEvent(event));
      markDay(event.event_date);
      if (focusMap) selectMarker(eventId);
      else {
        if (state.selected) state.markers.get(state.selected)?.getElement()?.classList.remove("selected");
        state.selected = eventId;
        state.markers.get(eventId)?.getElement()?.classList.add("selected");
      }
    } catch (error) {
      detail.replaceChildren(el("p", { class: "error" }, String(error.message || error)));
    }
  }

  function renderEvent(event) {
    const rows = [
      ["Date", event.event_date ? `${event.event_date} (${TIME_PRECISION[event.time_precision] || "precision unknown"})` : "unknown"],
      ["Type", [event.event_type, event.sub_event_type].filter(Boolean).join(" — ")],
      ["Actor 1", event.actor1],
      ["Actor 2", event.actor2],
      ["Place", `${[event.location, event.admin2, event.admin1, event.country].filter(Boolean).join(", ") || "unknown"}${
        event.geo_precision ? ` (${GEO_PRECISION[event.geo_precision] || event.geo_precision})` : ""}`],
      ["Coordinates", hasCoordinates(event) ? `${event.latitude.toFixed(4)}, ${event.longitude.toFixed(4)}` : "none (not on the map)"],
      ["Fatalities", event.fatalities ?? "unknown"],
      ["Source", event.source],
      ["Certainty", [event.certainty, event.confidence != null ? `confidence ${Number(event.confidence).toFixed(2)}` : null].filter(Boolean).join(", ")],
      ["Tags", event.tags],
    ].filter(([, value]) => value !== undefined && value !== null && value !== "");
    const reports = event.reports || [];
    return el(
      "article",
      { class: "event", "data-event-id": event.event_id },
      el("h2", {}, el("i", { class: "swatch", style: `--c: ${colourOf(event.event_type)}` }), event.sub_event_type || event.event_type),
      el("dl", {}, rows.map(([key, value]) => [el("dt", {}, key), el("dd", {}, value)])),
      event.notes ? el("p", { class: "notes" }, event.notes) : null,
      el("h3", {}, `${reports.length} supporting report${reports.length === 1 ? "" : "s"}`),
      reports.length ? el("p", { class: "hint" }, "Highlighted: the words each field was coded from (hover for the field).") : null,
      reports.map(renderReport),
    );
  }

  function renderReport(report) {
    const title = report.title || String(report.report_id || "report").split("/").pop();
    const meta = [report.source, report.published, report.language].filter(Boolean).join(" · ");
    const { sentence, outside } = highlightEvidence(report);
    return el(
      "section",
      { class: "report" },
      el("h4", {}, report.url ? el("a", { href: report.url, target: "_blank", rel: "noopener noreferrer" }, title) : title),
      meta ? el("p", { class: "muted" }, meta) : null,
      sentence,
      outside.length
        ? el("p", { class: "other-evidence" }, "Elsewhere in the report: ", outside.map(([field, text], i) => [i ? "; " : "", `${label(field)} `, el("q", {}, text)]))
        : null,
    );
  }

  const label = (field) => field.replace(/_/g, " ");

  // Wrap each evidence span that falls inside the report's sentence in <mark>; overlapping spans
  // are split at their boundaries so each piece names every field it supports.
  function highlightEvidence(report) {
    const text = report.sentence || "";
    const base = Number(report.sentence_start) || 0;
    const spans = [];
    const outside = [];
    for (const [field, quotes] of Object.entries(report.evidence || {})) {
      for (const quote of quotes || []) {
        const start = quote.start - base;
        const end = quote.end - base;
        if (start >= 0 && end <= text.length && end > start) spans.push({ start, end, field });
        else if (quote.text) outside.push([field, quote.text]);
      }
    }
    const cuts = [...new Set([0, text.length, ...spans.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
    const pieces = [];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const [from, to] = [cuts[i], cuts[i + 1]];
      const fields = spans.filter((s) => s.start <= from && s.end >= to).map((s) => label(s.field));
      const piece = text.slice(from, to);
      pieces.push(fields.length ? el("mark", { title: [...new Set(fields)].join(", "), "data-fields": fields.join(",") }, piece) : piece);
    }
    return { sentence: el("blockquote", { class: "sentence" }, text ? pieces : el("span", { class: "muted" }, "(no sentence stored)")), outside };
  }

  // ---- timeline and brush -----------------------------------------------------------------------

  const timeline = { days: {}, start: 0, end: 0, bin: 1 };
  const SVG = "http://www.w3.org/2000/svg";
  const svgEl = (tag, attrs) => {
    const node = document.createElementNS(SVG, tag);
    for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
    return node;
  };

  function drawTimeline(byDay) {
    timeline.days = byDay || {};
    const days = Object.keys(timeline.days).filter((d) => /^\d{4}-\d{2}-\d{2}/.test(d)).sort();
    const box = $("timeline");
    box.replaceChildren();
    if (!days.length) {
      box.append(el("p", { class: "muted" }, "No dated events."));
      return;
    }
    const first = dayMs(days[0]);
    const last = dayMs(days[days.length - 1]);
    const span = (last - first) / DAY + 1;
    // One bar a day while bars stay wider than 2 px; otherwise a week or a month a bar.
    const width = box.clientWidth || 800;
    const height = box.clientHeight || 96;
    timeline.bin = span <= width / 3 ? 1 : span <= (width / 3) * 7 ? 7 : 30;
    timeline.start = first - DAY;
    timeline.end = last + DAY * (timeline.bin + 1);
    $("timeline-title").textContent = `Events per ${{ 1: "day", 7: "week", 30: "month" }[timeline.bin]}`;
    const bins = new Map();
    for (const day of days) {
      const index = Math.floor((dayMs(day) - timeline.start) / DAY / timeline.bin);
      bins.set(index, (bins.get(index) || 0) + timeline.days[day]);
    }
    const peak = Math.max(...bins.values());
    const pad = { left: 28, right: 8, top: 6, bottom: 18 };
    const x = (ms) => pad.left + ((ms - timeline.start) / (timeline.end - timeline.start)) * (width - pad.left - pad.right);
    const plotHeight = height - pad.top - pad.bottom;
    const svg = svgEl("svg", { width, height, class: "timeline-svg" });
    svg.append(svgEl("rect", { x: pad.left, y: pad.top, width: width - pad.left - pad.right, height: plotHeight, class: "plot" }));
    for (const [index, count] of bins) {
      const from = timeline.start + index * timeline.bin * DAY;
      const barHeight = Math.max(2, (count / peak) * plotHeight);
      const bar = svgEl("rect", {
        x: x(from) + 0.5,
        y: pad.top + plotHeight - barHeight,
        width: Math.max(1.5, x(from + timeline.bin * DAY) - x(from) - 1),
        height: barHeight,
        class: "bar",
        "data-day": isoDay(from),
        "data-count": count,
      });
      bar.append(svgEl("title", {}));
      bar.firstChild.textContent = `${isoDay(from)}${timeline.bin > 1 ? ` (${timeline.bin} days)` : ""}: ${count} event${count === 1 ? "" : "s"}`;
      svg.append(bar);
    }
    drawAxis(svg, x, pad, height, peak);
    const brush = svgEl("rect", { class: "brush", x: 0, y: pad.top, width: 0, height: plotHeight, visibility: "hidden" });
    svg.append(brush);
    box.append(svg);
    timeline.x = x;
    timeline.pad = pad;
    timeline.width = width;
    timeline.plotHeight = plotHeight;
    attachBrush(svg, brush);
    showRange();
  }

  function drawAxis(svg, x, pad, height, peak) {
    const months = [];
    const cursor = new Date(timeline.start);
    cursor.setUTCDate(1);
    while (cursor.getTime() <= timeline.end) {
      if (cursor.getTime() >= timeline.start) months.push(cursor.getTime());
      cursor.setUTCMonth(cursor.getUTCMonth() + 1);
    }
    const every = Math.max(1, Math.ceil((months.length * 64) / (timeline.width || 800)));
    months.forEach((ms, i) => {
      svg.append(svgEl("line", { x1: x(ms), x2: x(ms), y1: pad.top, y2: height - pad.bottom + 4, class: "tick" }));
      if (i % every || x(ms) > timeline.width - 40) return;
      const date = new Date(ms);
      const text = svgEl("text", { x: x(ms) + 3, y: height - 4, class: "tick-label" });
      text.textContent = date.toLocaleString("en", { month: "short", timeZone: "UTC" }) + (date.getUTCMonth() === 0 || i === 0 ? ` ${date.getUTCFullYear()}` : "");
      svg.append(text);
    });
    const top = svgEl("text", { x: pad.left - 4, y: pad.top + 9, class: "tick-label", "text-anchor": "end" });
    top.textContent = peak;
    svg.append(top);
  }

  // A line on the timeline at the open event's day.
  function markDay(day) {
    const svg = $("timeline").querySelector("svg");
    svg?.querySelector(".day-marker")?.remove();
    if (!svg || !day || !timeline.x) return;
    const x = timeline.x(dayMs(day) + DAY / 2);
    const { top } = timeline.pad;
    svg.append(svgEl("line", { class: "day-marker", x1: x, x2: x, y1: top, y2: top + timeline.plotHeight }));
  }

  function dayAt(px) {
    const { pad, width } = timeline;
    const share = Math.min(1, Math.max(0, (px - pad.left) / (width - pad.left - pad.right)));
    return isoDay(timeline.start + Math.floor((share * (timeline.end - timeline.start)) / DAY) * DAY);
  }

  function attachBrush(svg, brush) {
    let origin = null;
    const localX = (e) => e.clientX - svg.getBoundingClientRect().left;
    svg.addEventListener("pointerdown", (e) => {
      origin = localX(e);
      svg.setPointerCapture(e.pointerId);
      placeBrush(brush, origin, origin);
    });
    svg.addEventListener("pointermove", (e) => {
      if (origin !== null) placeBrush(brush, origin, localX(e));
    });
    svg.addEventListener("pointerup", (e) => {
      if (origin === null) return;
      const [a, b] = [origin, localX(e)].sort((p, q) => p - q);
      origin = null;
      if (b - a < 3) setRange(null);
      else setRange([dayAt(a), dayAt(b)]);
    });
  }

  function placeBrush(brush, a, b) {
    const [from, to] = [a, b].sort((p, q) => p - q);
    brush.setAttribute("x", from);
    brush.setAttribute("width", Math.max(1, to - from));
    brush.setAttribute("visibility", "visible");
  }

  // Show the chosen range: the brush rectangle, the bars outside it dimmed, the label.
  function showRange() {
    const box = $("timeline");
    const svg = box.querySelector("svg");
    const range = state.range;
    box.dataset.start = range ? range[0] : "";
    box.dataset.end = range ? range[1] : "";
    $("range-label").textContent = range ? `${range[0]} → ${range[1]}` : "Drag across the timeline to choose dates";
    $("range-clear").hidden = !range;
    if (!svg) return;
    const brush = svg.querySelector(".brush");
    if (range) placeBrush(brush, timeline.x(dayMs(range[0])), timeline.x(dayMs(range[1]) + DAY));
    else brush.setAttribute("visibility", "hidden");
    for (const bar of svg.querySelectorAll(".bar")) {
      const from = bar.dataset.day;
      const to = isoDay(dayMs(from) + (timeline.bin - 1) * DAY);
      bar.classList.toggle("out", Boolean(range) && (to < range[0] || from > range[1]));
    }
  }

  function setRange(range) {
    state.range = range;
    showRange();
    loadEvents(false);
  }

  // ---- loading -----------------------------------------------------------------------------------

  let generation = 0;

  async function loadEvents(fit) {
    const mine = ++generation;
    const query = params(state.range ? { start: state.range[0], end: state.range[1] } : {});
    $("dl-csv").href = `events.csv?${query}`;
    $("dl-geojson").href = `events.geojson?${query}`;
    setStatus("Loading events…");
    document.body.dataset.loading = "true";
    try {
      const { events, total } = await fetchAllEvents(query);
      if (mine !== generation) return;
      state.events = events;
      const mapped = drawMarkers(events, fit);
      drawList(events, total, mapped);
      document.body.dataset.mapped = mapped;
      document.body.dataset.total = total;
      setStatus(events.length < total ? `${fmt(events.length)} of ${fmt(total)} shown: narrow the filters` : "");
    } catch (error) {
      if (mine === generation) setStatus(`Could not load events — ${error.message || error}`, true);
    } finally {
      if (mine === generation) document.body.dataset.loading = "false";
    }
  }

  async function loadTimeline() {
    try {
      const stats = await getJSON(`stats?${params()}`);
      drawTimeline(stats.by_day);
    } catch (error) {
      setStatus(`Could not load the timeline — ${error.message || error}`, true);
    }
  }

  async function loadOptions() {
    const stats = await getJSON("stats");
    // the API counts events without a type or region under "(unknown)", which is no filter value
    const known = new Set([...TYPES.map(([type]) => type), UNKNOWN]);
    const types = [...TYPES.map(([type]) => type), ...Object.keys(stats.by_type || {}).filter((t) => !known.has(t))];
    $("f-type").append(...types.map((type) => el("option", { value: type }, `${type} (${stats.by_type?.[type] || 0})`)));
    const regions = Object.entries(stats.by_admin1 || {}).filter(([name]) => name && name !== UNKNOWN).sort((a, b) => a[0].localeCompare(b[0]));
    $("f-admin1").append(...regions.map(([name, count]) => el("option", { value: name }, `${name} (${count})`)));
  }

  function readFilters() {
    state.filters = {
      event_type: $("f-type").value,
      actor: $("f-actor").value,
      admin1: $("f-admin1").value,
      q: $("f-q").value,
    };
  }

  function onFiltersChanged() {
    readFilters();
    showList();
    loadTimeline();
    loadEvents(false);
  }

  let typingTimer = null;
  function onTyping() {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(onFiltersChanged, 350);
  }

  $("f-type").addEventListener("change", onFiltersChanged);
  $("f-admin1").addEventListener("change", onFiltersChanged);
  $("f-actor").addEventListener("input", onTyping);
  $("f-q").addEventListener("input", onTyping);
  $("f-reset").addEventListener("click", () => {
    $("filters").reset();
    state.range = null;
    onFiltersChanged();
    showRange();
  });
  $("range-clear").addEventListener("click", () => setRange(null));
  $("back").addEventListener("click", showList);
  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && !$("detail-view").hidden) showList();
  });
  let resizeTimer = null;
  window.addEventListener("resize", () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(() => drawTimeline(timeline.days), 150);
  });

  // ---- following new events -----------------------------------------------------------------------

  const REFRESH_SECONDS = Number(pageQuery.get("refresh") ?? 15);
  let lastUpdated = null;

  function showUpdated(iso) {
    const when = iso ? new Date(iso) : null;
    $("updated").textContent = when ? `Last updated ${when.toISOString().slice(0, 19).replace("T", " ")} UTC` : "No events yet";
    document.body.dataset.lastUpdated = iso || "";
  }

  async function pollUpdates() {
    try {
      const updates = await getJSON("updates");
      const changed = lastUpdated !== null && updates.last_updated !== lastUpdated;
      lastUpdated = updates.last_updated || "";
      showUpdated(updates.last_updated);
      if (changed) await Promise.all([loadTimeline(), loadEvents(false)]);
    } catch (error) {
      $("updated").textContent = `Updates paused — ${error.message || error}`;
    }
  }

  function followUpdates() {
    if (!(REFRESH_SECONDS > 0)) return;
    const tick = async () => {
      await pollUpdates();
      setTimeout(tick, REFRESH_SECONDS * 1000);
    };
    setTimeout(tick, REFRESH_SECONDS * 1000);
  }

  async function start() {
    readFilters();
    try {
      await loadOptions();
    } catch (error) {
      setStatus(`Could not reach the API — ${error.message || error}`, true);
    }
    await Promise.all([loadTimeline(), loadEvents(true), pollUpdates()]);
    document.body.dataset.ready = "true";
    followUpdates();
  }

  start();
})();
