/* Inkwell comments: one dependency-free script, served minified at /js/comments.js.
 *
 * Embed: <script src="https://blog.example/js/comments.js" data-post-id="..." async></script>
 * (or data-inkwell-url="https://other.example/page/" for another site's page).
 * It talks only to the server it came from, sets no cookie (a signed-in reader's cookie is
 * set by that server at sign-in), and inserts reader text as text: the one HTML it inserts is
 * the comment's `html`, sanitised by the server.
 */
(() => {
    var d = document;
  var me = d.currentScript || d.querySelector('script[src*="/js/comments.js"]');
  if (!me) return;
  var ds = me.dataset;
  var base = new URL(me.src, location.href).origin;
  var api = base + '/api/comments';
  var sameOrigin = base === location.origin;
  var STORE = 'inkwell-comments';
  var BADGES = {author: 'Author', staff: 'Staff', op: 'Original poster'};
  var LS = {};
  try { LS = JSON.parse(localStorage.getItem(STORE) || '{}') || {}; } catch (e) { LS = {}; }
  LS.mine = LS.mine || {};
  LS.liked = LS.liked || {};

  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(LS)); } catch (e) { /* private mode */ }
  }

  // Forget own comments older than a week: their edit window is long gone.
  var now = Date.now();
  Object.keys(LS.mine).forEach(id => {
    if (now - LS.mine[id].at > 6048e5) delete LS.mine[id];
  });

  // A magic link opened from the mail comes back with the reader token in the fragment.
  var handed = /[#&]inkwell-reader=([\w.~-]+)/.exec(location.hash);
  if (handed) {
    LS.rt = handed[1];
    save();
    history.replaceState(null, '', location.href.split('#')[0]);
  }

  var thread = ds.postId ? {post_id: ds.postId} : {url: ds.inkwellUrl || ds.url || pageUrl()};
  var key = thread.post_id || thread.url;
  var S = {sort: ds.sort || '', page: 1, meta: {}, reader: null, providers: null, list: []};
  var root, status, listEl, countEl, moreEl, formBox, authBox;

  function pageUrl() {
    var link = d.querySelector('link[rel=canonical]');
    return link ? link.href : location.origin + location.pathname;
  }

  /* h('p.status', {role: 'status'}, 'text', child): an element with the classes ikc-status...;
   * strings become text nodes, never markup. */
  function h(spec, attrs) {
    var names = spec.split('.');
    var el = d.createElement(names[0]);
    el.className = names.slice(1).map(n => 'ikc-' + n).join(' ');
    if (names[0] === 'button') el.type = 'button';
    Object.keys(attrs || {}).forEach(name => {
      var value = attrs[name];
      if (value == null || value === false) return;
      if (name.slice(0, 2) === 'on') el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? '' : value);
    });
    for (var i = 2; i < arguments.length; i++) add(el, arguments[i]);
    return el;
  }

  function add(el, child) {
    if (child == null || child === false) return;
    if (Array.isArray(child)) child.forEach(c => { add(el, c); });
    else el.append(child);
  }

  function say(text, isError) {
    status.textContent = '';
    status.className = 'ikc-status' + (isError ? ' ikc-error' : '');
    // A fresh text node is announced again even when the words repeat.
    setTimeout(() => { status.textContent = text; }, 50);
  }

  function safeUrl(url, images) {
    try {
      var u = new URL(url, base);
      if (u.protocol === 'https:' || u.protocol === 'http:') return u.href;
      if (images && /^data:image\/(svg\+xml|png|jpeg|gif|webp)[;,]/.test(url)) return url;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function request(method, path, body, extra) {
    var headers = {Accept: 'application/json'};
    if (body) headers['Content-Type'] = 'application/json';
    if (LS.rt) headers.Authorization = 'Reader ' + LS.rt;
    Object.assign(headers, extra);
    return fetch(path.indexOf('http') === 0 ? path : api + path, {
      method,
      headers,
      body: body && JSON.stringify(body),
      credentials: sameOrigin ? 'same-origin' : 'omit'
    // No body (204) or not JSON: an empty answer.
    }).then(r => r.json().catch(() => ({})).then(data => ({ok: r.ok, status: r.status, data})));
  }

  /* A handler of an answer: `fn` when it succeeded, else its error said aloud. */
  function ok(fn) {
    return res => res.ok ? fn(res) : say(failure(res).message, true);
  }

  function failure(res) {
    var e = (res.data.errors || [])[0] || {};
    return {message: e.message || 'Something went wrong (' + res.status + '). Please try again.', field: e.field};
  }

  function when(iso) {
    var date = new Date(iso);
    return h('time', {datetime: iso}, date.toLocaleString(d.documentElement.lang || undefined, {
      dateStyle: 'medium', timeStyle: 'short'
    }));
  }

  function canEdit(id) {
    var mine = LS.mine[id];
    var minutes = S.meta.edit_window_minutes ?? 15;
    return mine && Date.now() - mine.at < minutes * 6e4;
  }

  /* ---- the thread ---- */

  function item(c, pending) {
    var id = 'comment-' + c.id;
    var a = c.author || {};
    var site = a.website && safeUrl(a.website);
    var avatar = a.avatar && safeUrl(a.avatar, true);
    var name = site
      ? h('a.name', {href: site, rel: 'nofollow ugc noopener', id: id + '-by'}, a.name)
      : h('span.name', {id: id + '-by'}, a.name);
    var body = h('div.body', {});
    body.innerHTML = c.html; // sanitised by the server (nh3); never reader text
    var liked = LS.liked[c.id];
    // The like button is named by its visible words ("Like 3"); its article names the author.
    var acts = h('div.acts', {},
      pending ? null : h('button.like', {
        'aria-pressed': liked ? 'true' : 'false',
        onclick: ev => like(c, ev.currentTarget)
      }, h('span', {'aria-hidden': 'true'}, '♥ '), 'Like ', h('span.n', {}, String(c.likes || 0))),
      pending || S.meta.open === false ? null : h('button.reply', {
        'aria-expanded': 'false',
        onclick: ev => openReply(c, li, ev.currentTarget)
      }, 'Reply'),
      canEdit(c.id) && LS.mine[c.id].b != null ? h('button.edit', {
        onclick: ev => openEdit(c, li, body, ev.currentTarget)
      }, 'Edit') : null,
      canEdit(c.id) ? h('button.delete', {
        onclick: () => { remove(c, li); }
      }, 'Delete') : null);
    var li = h('li.comment' + (pending ? '.held' : ''), {id: id, tabindex: '-1'},
      h('article', {'aria-labelledby': id + '-by'},
        h('header.head', {},
          avatar ? h('img.avatar', {src: avatar, alt: '', width: '32', height: '32', loading: 'lazy'}) : null,
          name,
          a.badge && BADGES[a.badge] ? h('span.badge.badge-' + a.badge, {}, BADGES[a.badge]) : null,
          h('a.time', {href: '#' + id, title: 'Link to this comment'}, when(c.created_at)),
          c.edited_at ? h('span.edited', {}, '(edited)') : null),
        pending ? h('p.notice', {}, 'Your comment is waiting for moderation. Only you can see it.') : null,
        body, acts));
    var replies = (c.replies || []).map(r => item(r));
    if (replies.length) li.append(h('ol.list.replies', {}, replies));
    return li;
  }

  function known(list, id) {
    return list.some(c => c.id === id || known(c.replies || [], id));
  }

  function heldOfMine() {
    return Object.values(LS.mine).filter(m => m.k === key && m.held && !known(S.list, m.held.id));
  }

  function renderList() {
    listEl.textContent = '';
    S.list.forEach(c => { listEl.append(item(c)); });
    heldOfMine().forEach(m => {
      var parent = m.held.parent_id && d.getElementById('comment-' + m.held.parent_id);
      var el = item(m.held, true);
      if (parent) {
        var ol = parent.querySelector(':scope > ol') || parent.append(h('ol.list.replies', {}));
        ol.append(el);
      } else listEl.append(el);
    });
    var total = S.meta.pagination ? S.meta.pagination.total : S.list.length;
    countEl.textContent = plural(total, 'comment');
    var pg = S.meta.pagination || {};
    moreEl.hidden = !(pg.pages > pg.page);
  }

  function load(page) {
    var q = new URLSearchParams(thread);
    if (S.sort) q.set('sort', S.sort);
    q.set('page', page);
    return request('GET', '?' + q).then(ok(res => {
      S.meta = res.data.meta || {};
      S.page = page;
      S.list = page > 1 ? S.list.concat(res.data.comments) : res.data.comments;
      if (!S.sort) S.sort = S.meta.sort || 'oldest';
      sortEl.value = S.sort;
      renderList();
      renderForm();
    }), () => say(sameOrigin ? 'Comments could not be loaded. Please try again later.'
      // A site not in the allowed origins gets no CORS headers: the browser hides the answer.
      : 'Comments from ' + new URL(base).host + ' could not be loaded: this site may not be allowed to show them.', true));
  }

  var sortEl = h('select', {id: 'ikc-sort', onchange: () => {
    S.sort = sortEl.value;
    load(1).then(() => say('Sorted by ' + S.sort + '.'));
  }}, h('option', {value: 'oldest'}, 'Oldest first'), h('option', {value: 'newest'}, 'Newest first'),
  h('option', {value: 'best'}, 'Best'));

  /* ---- actions ---- */

  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  function like(c, button) {
    if (LS.liked[c.id]) return say('You already like this comment.');
    // One like per browser: its own random token, not the address many readers may share.
    if (!LS.id) { LS.id = Array.from(crypto.getRandomValues(new Uint8Array(16)), b => b.toString(16)).join(''); save(); }
    request('POST', '/' + c.id + '/like', {liker: LS.id}).then(ok(res => {
      LS.liked[c.id] = 1;
      save();
      c.likes = res.data.likes ?? (c.likes || 0) + 1;
      button.setAttribute('aria-pressed', 'true');
      button.querySelector('.ikc-n').textContent = String(c.likes);
      say('Liked. ' + plural(c.likes, 'like') + '.');
    }));
  }

  function openReply(c, li, button) {
    var open = li.querySelector(':scope > article > .ikc-form');
    if (open) { open.remove(); button.setAttribute('aria-expanded', 'false'); return button.focus(); }
    var form = buildForm(c.id, () => {
      form.remove();
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    });
    li.querySelector(':scope > article').append(form);
    button.setAttribute('aria-expanded', 'true');
    form.querySelector('textarea').focus();
  }

  function openEdit(c, li, body, button) {
    var mine = LS.mine[c.id];
    var area = h('textarea', {id: 'ikc-edit-' + c.id, rows: '4', required: true});
    area.value = mine.b;
    function close() { form.remove(); body.hidden = false; button.focus(); }
    var form = h('form.form.edit-form', {onsubmit: ev => {
      ev.preventDefault();
      request('PATCH', '/' + c.id, {body: area.value, edit_token: mine.t}, {'X-Edit-Token': mine.t}).then(ok(res => {
        mine.b = area.value;
        if (mine.held) mine.held = Object.assign(mine.held, res.data.comment || res.data);
        save();
        // Drawn again from the server: the new text and its "(edited)" mark.
        refresh(c.id, 'Comment updated.');
      }));
    }, onkeydown: ev => { if (ev.key === 'Escape') close(); }},
      h('label', {for: area.id}, 'Edit your comment'), area,
      h('div.row', {},
        h('button', {type: 'submit'}, 'Save'),
        h('button', {onclick: close}, 'Cancel')));
    body.hidden = true;
    body.after(form);
    area.focus();
  }

  /* The thread loaded again, then comment `id` focused and `text` said. */
  function refresh(id, text) {
    return load(S.page).then(() => {
      var el = d.getElementById('comment-' + id);
      if (el) el.focus();
      say(text);
    });
  }

  function remove(c, li) {
    if (!confirm('Delete this comment?')) return;
    var mine = LS.mine[c.id];
    request('DELETE', '/' + c.id, undefined, {'X-Edit-Token': mine.t}).then(ok(() => {
      delete LS.mine[c.id];
      save();
      var next = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      (next || root).focus();
      say('Comment deleted.');
    }));
  }

  /* ---- the form ---- */

  function field(form, name, label, attrs, hint) {
    var id = form.id + '-' + name;
    var input = h(attrs.rows ? 'textarea' : 'input', Object.assign({id: id, name: name}, attrs));
    if (hint) input.setAttribute('aria-describedby', id + '-hint');
    return h('p.field', {}, h('label', {for: id}, label), input,
      hint ? h('small', {id: id + '-hint'}, hint) : null);
  }

  var forms = 0;
  function buildForm(pid, done) {
    var who = LS.who || {};
    var guests = S.meta.guests !== false;
    var form = h('form.form', {id: 'ikc-f' + (++forms), novalidate: true});
    if (!S.reader && guests) {
      add(form, h('div.guest', {},
        field(form, 'name', 'Name', {autocomplete: 'name', required: true, maxlength: '100', value: who.name}),
        field(form, 'email', 'Email (optional, never shown)', {type: 'email', autocomplete: 'email', value: who.email},
          'Only for reply notifications.'),
        field(form, 'website', 'Website (optional)', {type: 'url', autocomplete: 'url', value: who.website})));
    }
    add(form, field(form, 'body', pid ? 'Your reply' : 'Your comment', {rows: '5', required: true,
      maxlength: S.meta.max_length ? String(S.meta.max_length) : null},
    'Markdown: *emphasis*, [links](https://…), `code`, > quotes, lists.'));
    // The honeypot: hidden from people and screen readers; bots fill it in.
    add(form, h('p.hp', {'aria-hidden': 'true'},
      h('label', {}, 'Leave this empty', h('input', {name: 'honeypot', tabindex: '-1', autocomplete: 'off'}))));
    add(form, h('p.check', {}, h('label', {},
      h('input', {type: 'checkbox', name: 'notify_replies'}), ' Email me when someone replies')));
    add(form, h('div.row', {},
      h('button.submit', {type: 'submit'}, pid ? 'Post reply' : 'Post comment'),
      done ? h('button', {onclick: done}, 'Cancel') : null));
    form.addEventListener('submit', ev => { ev.preventDefault(); submit(form, pid, done); });
    if (done) form.addEventListener('keydown', ev => { if (ev.key === 'Escape') done(); });
    return form;
  }

  function submit(form, pid, done) {
    var el = form.elements;
    var body = Object.assign({}, thread, {
      parent_id: pid || null,
      body: el.body.value,
      notify_replies: el.notify_replies.checked,
      honeypot: el.honeypot.value,
      form_token: S.meta.form_token || null
    });
    if (el.name) {
      body.name = el.name.value.trim();
      body.email = el.email.value.trim() || null;
      body.website = el.website.value.trim() || null;
      LS.who = {name: body.name, email: body.email, website: body.website};
    }
    form.querySelectorAll('[aria-invalid]').forEach(i => i.removeAttribute('aria-invalid'));
    var button = form.querySelector('.ikc-submit');
    button.disabled = true;
    say('Posting…');
    request('POST', '', body).then(res => {
      button.disabled = false;
      if (!res.ok) {
        var f = failure(res);
        var input = f.field && el[f.field];
        if (input && input.focus) { input.setAttribute('aria-invalid', 'true'); input.focus(); }
        return say(f.message, true);
      }
      var c = res.data.comment || res.data;
      var held = (res.data.status || c.status) !== 'approved';
      LS.mine[c.id] = {t: res.data.edit_token, at: Date.now(), b: body.body, k: key,
        held: held ? Object.assign({}, c, {parent_id: pid || null, replies: []}) : null};
      save();
      el.body.value = '';
      if (done) done();
      return refresh(c.id, held ? 'Thank you. Your comment is waiting for moderation.' : 'Your comment is posted.');
    }, () => { button.disabled = false; say('Could not reach the server. Please try again.', true); });
  }

  function renderForm() {
    formBox.textContent = '';
    if (S.meta.open === false) {
      return add(formBox, h('p.closed', {}, S.meta.closed_reason || 'Comments are closed.'));
    }
    if (!S.reader && S.meta.guests === false) {
      return add(formBox, h('p.notice', {}, 'Sign in to comment.'));
    }
    add(formBox, buildForm(null));
  }

  /* ---- sign-in ---- */

  function renderAuth() {
    authBox.textContent = '';
    if (S.reader) {
      return add(authBox, h('p', {}, 'Signed in as ', h('strong', {}, S.reader.name), ' ',
        h('button', {onclick: signOut}, 'Sign out')));
    }
    var p = S.providers || {};
    var back = location.href.split('#')[0];
    var links = (p.providers || []).map(x => {
      var url = safeUrl(x.start_url);
      return url && h('a.provider', {href: url + (url.indexOf('?') < 0 ? '?' : '&') + 'return_to=' + encodeURIComponent(back + '#comments'),
        onclick: sameOrigin ? null : popup}, 'Sign in with ' + x.name);
    });
    var email = p.magic_link ? h('details.magic', {},
      h('summary', {}, 'Sign in with email'),
      h('form', {id: 'ikc-magic', onsubmit: magic}, field({id: 'ikc-magic'}, 'email', 'Your email', {type: 'email', required: true, autocomplete: 'email'}),
        h('button', {type: 'submit'}, 'Email me a sign-in link'))) : null;
    if (links.length || email) add(authBox, h('div.signin', {}, links, email));
  }

  /* Another site's page: sign in in a window of the blog, which hands back a reader token. */
  function popup(ev) {
    ev.preventDefault();
    var q = new URLSearchParams({origin: location.origin, return_to: location.href.split('#')[0]});
    open(base + (S.providers.signin_url || '/comments/auth/signin') + '?' + q, 'inkwell-signin', 'width=520,height=640');
  }

  addEventListener('message', ev => {
    if (ev.origin === base && ev.data && ev.data.type === 'inkwell:signed-in') signedIn(ev.data.token);
  });

  function signedIn(token) {
    if (token) { LS.rt = token; save(); }
    who().then(() => { renderAuth(); renderForm(); if (S.reader) say('Signed in as ' + S.reader.name + '.'); });
  }

  function magic(ev) {
    ev.preventDefault();
    var email = ev.target.elements.email.value;
    request('POST', base + '/comments/auth/email', {email: email, return_to: location.href.split('#')[0]}).then(res => {
      say(res.ok ? 'Check your inbox: we sent a sign-in link to ' + email + '.' : failure(res).message, !res.ok);
    });
  }

  function signOut() {
    request('POST', base + '/comments/auth/signout', {}).then(() => {
      S.reader = null;
      delete LS.rt;
      save();
      renderAuth();
      renderForm();
      say('Signed out.');
    });
  }

  function who() {
    return Promise.all([
      request('GET', base + '/comments/auth/me').then(res => {
        S.reader = res.ok ? res.data.reader : null;
      }),
      request('GET', base + '/comments/auth/providers').then(res => {
        S.providers = res.ok ? res.data : null;
      })
    ]).catch(() => { /* sign-in unavailable: guests still comment */ });
  }

  /* ---- start ---- */

  function start() {
    var target = ds.target ? d.querySelector(ds.target) : null;
    if (!target) { target = h('div'); me.after(target); }
    if (!d.getElementById('ikc-css')) {
      d.head.append(h('link', {id: 'ikc-css', rel: 'stylesheet', href: base + '/css/comments.css'}));
    }
    status = h('p.status', {role: 'status', 'aria-live': 'polite'});
    countEl = h('h2.title', {id: 'ikc-title'}, 'Comments');
    listEl = h('ol.list', {});
    moreEl = h('button.more', {hidden: true, onclick: () => {
      load(S.page + 1).then(() => { say('More comments loaded.'); });
    }}, 'Show more comments');
    formBox = h('div.form-box', {});
    authBox = h('div.auth', {});
    // On another site the page may not follow the reader's scheme: the widget brings its own.
    root = h('section', {class: 'ikc ikc-' + (ds.theme || 'auto') + (sameOrigin ? '' : ' ikc-embed'), 'aria-labelledby': 'ikc-title', tabindex: '-1'},
      countEl,
      h('div.bar', {}, h('label', {for: 'ikc-sort'}, 'Sort '), sortEl),
      authBox, formBox, status, listEl, moreEl);
    target.textContent = '';
    target.append(root);
    who().then(renderAuth).then(() => load(1)).then(() => {
      var m = /^#comment-/.test(location.hash) && d.getElementById(location.hash.slice(1));
      if (m) { m.scrollIntoView(); m.focus(); }
    });
  }

  if (d.readyState === 'loading') d.addEventListener('DOMContentLoaded', start);
  else start();
})();
