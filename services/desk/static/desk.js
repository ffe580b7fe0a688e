// Counterclaim desk: follows /events (Server-Sent Events) and shows each alert once, by event_id.
// The filters live in the URL query (kind, min, q); the server applies them to the stream.
"use strict";

const MAX_RETRY_MS = 10000;
let source = null;
let retryMs = 1000;
let retryTimer = null;
const shown = new Map(); // event_id -> list item

const $ = (id) => document.getElementById(id);

function setStatus(state, text) {
  const status = $("status");
  status.dataset.state = state;
  status.textContent = text;
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  return node;
}

function claimNode(claim) {
  const section = el("section", "claim");
  const who = el("p", "who");
  who.append(el("span", "speaker", claim.speaker || "Unattributed"));
  if (claim.side) who.append(" ", el("span", "side", "(" + claim.side + ")"));
  if (claim.outlet) who.append(" · ", el("span", "outlet", claim.outlet));
  const passage = el("blockquote", "passage");
  if (claim.clipped_before) passage.append("… ");
  passage.append(claim.before ? claim.before : "");
  passage.append(el("mark", "quote", claim.quote));
  passage.append(claim.after ? claim.after : "");
  if (claim.clipped_after) passage.append(" …");
  const source = el("p", "source", (claim.title ? claim.title + " · " : "") + claim.article_id +
    (claim.in_context ? "" : " (article text not at hand: the claim alone)"));
  section.append(who, passage, source);
  return section;
}

function alertNode(alert) {
  const item = el("li", "alert");
  item.tabIndex = 0;
  item.dataset.eventId = alert.event_id;
  item.dataset.kind = alert.kind;
  item.dataset.arrivedAt = alert.arrived_at;
  item.setAttribute("aria-label", alert.kind + " contradiction on " + alert.subject);
  const head = el("div", "alert-head");
  const time = el("time", null, new Date(alert.arrived_at).toLocaleString());
  time.dateTime = alert.arrived_at;
  time.title = "arrival: when the article that revealed this contradiction came in";
  head.append(el("span", "kind", alert.kind), el("h2", "subject", alert.subject),
    el("span", "confidence", "confidence " + alert.confidence.toFixed(2)), time);
  const claims = el("div", "claims");
  claims.append(claimNode(alert.claims[0]), el("div", "vs", "vs"), claimNode(alert.claims[1]));
  item.append(head, claims, el("p", "why", alert.explanation));
  return item;
}

function count(name) { // counters on <body data-*> for whoever watches the page (the browser tests)
  document.body.dataset[name] = String(Number(document.body.dataset[name] || 0) + 1);
}

function show(alert, live) {
  if (shown.has(alert.event_id)) { // a reconnect or a restarted desk sends it again
    count("duplicates");
    return;
  }
  const item = alertNode(alert);
  if (live) item.classList.add("new");
  const list = $("list");
  const later = [...list.children].find((other) => other.dataset.arrivedAt < alert.arrived_at);
  list.insertBefore(item, later || null); // newest first
  shown.set(alert.event_id, item);
  $("empty").hidden = true;
}

function clearAlerts() {
  shown.clear();
  $("list").replaceChildren();
  $("empty").hidden = false;
}

function connect() {
  if (source) source.close();
  clearTimeout(retryTimer);
  let historyDone = false;
  source = new EventSource("/events" + window.location.search);
  source.onopen = () => { retryMs = 1000; setStatus("live", "Live"); };
  source.addEventListener("history", () => { historyDone = true; count("histories"); });
  source.addEventListener("alert", (message) => show(JSON.parse(message.data), historyDone));
  source.onerror = () => {
    setStatus("lost", "Connection to the desk lost; reconnecting…");
    if (source.readyState === EventSource.CLOSED) { // the browser gave up: retry ourselves
      retryTimer = setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      explainRefusal();
    }
  };
}

async function explainRefusal() {
  try {
    const response = await fetch("/alerts.json" + window.location.search);
    if (response.status === 400) setStatus("lost", "These filters are not valid: " + (await response.text()));
  } catch (error) { /* the desk is down: the status already says so */ }
}

function formQuery() {
  const params = new URLSearchParams();
  for (const [name, value] of new FormData($("filters"))) {
    if (String(value).trim() !== "") params.append(name, String(value).trim());
  }
  return params.toString();
}

function fillForm() {
  const params = new URLSearchParams(window.location.search);
  const kinds = params.getAll("kind");
  for (const box of document.querySelectorAll("#filters input[name=kind]")) box.checked = kinds.includes(box.value);
  document.querySelector("#filters input[name=min]").value = params.get("min") || "";
  document.querySelector("#filters input[name=q]").value = params.get("q") || "";
}

function applyFilters() {
  const query = formQuery();
  if (query === window.location.search.replace(/^\?/, "")) return;
  window.history.pushState(null, "", query ? "?" + query : window.location.pathname);
  clearAlerts();
  connect();
}

function start() {
  fillForm();
  const form = $("filters");
  form.addEventListener("submit", (event) => { event.preventDefault(); applyFilters(); });
  form.addEventListener("change", (event) => { if (event.target.name !== "q") applyFilters(); });
  window.addEventListener("popstate", () => { fillForm(); clearAlerts(); connect(); });
  connect();
}

document.addEventListener("DOMContentLoaded", start);
