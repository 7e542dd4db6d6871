/* Inkwell stats: counts page views for this site's own analytics.
 * No cookie, no storage, nothing that tells one reader from another: each event says which
 * page, where from and how wide the window is. Served minified by analytics/beacon.py, which
 * does not rename anything: hence the short names, spelled out here.
 *
 * <script defer src="/js/stats.js" data-api="/api/event" data-domain="blog.example"
 *         data-outbound="1" data-events="1"></script>
 *
 *   D document, L location, S this script's tag, A the endpoint, N the domain,
 *   O outbound clicks counted, E tagged elements counted, P the path last counted;
 *   o(name) a data- option, s(name, props) sends an event, v() counts a view if the page
 *   changed, q(element) a tagged element's props, c(event) a click, g() starts counting.
 */
(function (D, L, w) {
  'use strict';
  var S = D.currentScript;
  function o(x) {
    return S && S.getAttribute('data-' + x);
  }
  var A = o('api') || '/api/event', N = o('domain') || L.hostname;
  var O = o('outbound') === '1', E = o('events') === '1', P;

  // Plausible's short keys: name, url, domain, referrer, width, props.
  function s(n, p) {
    var b = JSON.stringify({n: n, u: L.href, d: N, r: D.referrer || null, w: w.innerWidth, p: p});
    // A string body goes as text/plain: a simple request, no CORS preflight.
    if (!(navigator.sendBeacon && navigator.sendBeacon(A, b)) && w.fetch) {
      fetch(A, {method: 'POST', body: b, keepalive: true}).catch(function () {});
    }
  }

  function v() {
    // pushState to the same page (a filter, a tab) is not another view.
    if (L.pathname !== P) {
      P = L.pathname;
      s('pageview');
    }
  }

  // data-stats-prop-plan="pro" on a tagged element sends {plan: "pro"}.
  function q(el) {
    for (var p = {}, a = el.attributes, i = 0, k; i < a.length; i++) {
      k = a[i].name;
      if (k.indexOf('data-stats-prop-') === 0) p[k.slice(16)] = a[i].value;
    }
    return p;
  }

  function c(e) {
    var t = e.target, el, a;
    if ((e.type === 'auxclick' && e.button !== 1) || !t.closest) return;
    if ((el = E && t.closest('[data-stats-event]'))) s(el.getAttribute('data-stats-event'), q(el));
    a = O && t.closest('a[href]');
    if (a && /^https?:$/.test(a.protocol) && a.host !== L.host) s('Outbound Link: Click', {url: a.href});
  }

  function g() {
    var h = history.pushState;
    v();
    history.pushState = function () {
      h.apply(this, arguments);
      v();
    };
    w.addEventListener('popstate', v);
    // A page restored from the back-forward cache is viewed again.
    w.addEventListener('pageshow', function (e) {
      if (e.persisted) {
        P = null;
        v();
      }
    });
  }

  w.inkwellStats = function (n, x) {
    s(n, x && x.props);
  };
  D.addEventListener('click', c, true);
  D.addEventListener('auxclick', c, true);
  // A page the browser prerenders is counted only once the reader opens it.
  if (D.prerendering) D.addEventListener('prerenderingchange', g, {once: true});
  else g();
})(document, location, window);
