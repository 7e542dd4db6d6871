// Runs the minified beacon in a stand-in browser (just what it touches) and prints, as JSON,
// every request it made. Usage: node beacon_harness.js SCRIPT.js SCENARIO.json
// The scenario: {"attributes": {...data-* of the tag}, "href": "...", "referrer": "...",
// "width": 1280, "sendBeacon": true, "prerendering": false, "steps": [[action, ...args]]}
'use strict';
const fs = require('fs');
const vm = require('vm');

const source = fs.readFileSync(process.argv[2], 'utf8');
const scenario = JSON.parse(fs.readFileSync(process.argv[3], 'utf8'));
const sent = [];
const listeners = {};
const on = (scope) => (type, handler) => {
  (listeners[scope + type] = listeners[scope + type] || []).push(handler);
};
const fire = (scope, type, event) => (listeners[scope + type] || []).forEach((h) => h(event));

function setHref(href) {
  const url = new URL(href, location.href);
  Object.assign(location, {href: url.href, pathname: url.pathname, host: url.host,
    hostname: url.hostname, protocol: url.protocol});
}

// An element with attributes, optionally a link, inside a parent element.
function element(spec, parent) {
  const attrs = spec.attributes || {};
  const el = {
    parent,
    attributes: Object.entries(attrs).map(([name, value]) => ({name, value})),
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    closest(selector) {
      for (let node = el; node; node = node.parent) {
        if (selector === 'a[href]' && node.link) return node;
        const match = /^\[([\w-]+)\]$/.exec(selector);
        if (match && node.getAttribute(match[1]) !== null) return node;
      }
      return null;
    },
  };
  if (spec.href) {
    const url = new URL(spec.href, location.href);
    Object.assign(el, {link: true, href: url.href, host: url.host, protocol: url.protocol});
  }
  return el;
}

const location = {};
setHref(scenario.href || 'http://127.0.0.1:8000/');
const tagAttributes = scenario.attributes || {};
const document = {
  currentScript: {getAttribute: (name) => (name in tagAttributes ? tagAttributes[name] : null)},
  referrer: scenario.referrer || '',
  prerendering: Boolean(scenario.prerendering),
  addEventListener: on('document:'),
};
const history = {pushState: (state, title, url) => setHref(url)};
const navigator = {};
if (scenario.sendBeacon !== false) {
  navigator.sendBeacon = (url, body) => {
    sent.push({via: 'beacon', url, body: JSON.parse(body), type: typeof body});
    return true;
  };
}
const window = {
  innerWidth: scenario.width === undefined ? 1280 : scenario.width,
  addEventListener: on('window:'),
  fetch: (url, init) => {
    sent.push({via: 'fetch', url, body: JSON.parse(init.body), keepalive: init.keepalive,
      method: init.method});
    return Promise.resolve({status: 202});
  },
};
const context = {document, location, window, history, navigator, fetch: window.fetch,
  addEventListener: window.addEventListener, JSON, URL};
vm.runInNewContext(source, context);

for (const [action, ...args] of scenario.steps || []) {
  if (action === 'pushState') history.pushState({}, '', args[0]);
  else if (action === 'popstate') { setHref(args[0]); fire('window:', 'popstate', {}); }
  else if (action === 'pageshow') fire('window:', 'pageshow', {persisted: args[0]});
  else if (action === 'prerenderingchange') fire('document:', 'prerenderingchange', {});
  else if (action === 'call') window.inkwellStats(args[0], args[1]);
  else if (action === 'click' || action === 'auxclick') {
    const [targetSpec, parentSpec, button] = args;
    const parent = parentSpec ? element(parentSpec, null) : null;
    fire('document:', action, {type: action, button: button || 0,
      target: element(targetSpec, parent)});
  } else throw new Error('unknown step ' + action);
}
process.stdout.write(JSON.stringify(sent));
