// The editor's enhancements. The form works without any of this (plain POST, Preview button):
// - live preview: the Markdown rendered by the server, as the site renders it
// - autosave of drafts, sending the version the editor started from (a stale one is refused)
// - the card toolbar, inserting each card's syntax at the caret
// - image upload by drag and drop, paste or file picker, inserting an image card
// - feature image upload; Ctrl+S / Cmd+S saves
(function () {
  "use strict";

  var form = document.getElementById("editor-form");
  if (!form) return;
  var source = document.getElementById("source");
  var preview = document.getElementById("preview");
  var state = document.getElementById("save-state");
  var version = document.getElementById("expected_updated_at");
  var uploadStatus = document.getElementById("upload-status");
  var csrf = (document.querySelector("meta[name=csrf-token]") || {}).content || "";
  var uploadUrl = form.getAttribute("data-upload-url");
  var kind = form.getAttribute("data-kind") || "post";

  var SNIPPETS = {
    image: "![Describe the image](/content/images/example.jpg \"Caption\")",
    code: "```python caption=\"What this code does\"\nprint(\"hello\")\n```",
    callout: "::: callout 💡 blue\nSomething worth pointing out.\n:::",
    bookmark: "::: bookmark https://example.com/\ntitle: The page's title\ndescription: What it is about.\n:::",
    embed: "::: embed https://www.youtube.com/embed/VIDEO_ID\ncaption: What it shows\n:::",
    "quote-alt": "::: quote-alt\nA sentence worth quoting.\n:::",
    html: "```html card\n<div>Raw HTML, kept as written</div>\n```",
    table: "| Column | Another |\n| --- | --- |\n| Cell | Cell |",
    divider: "---"
  };

  function request(url, options) {
    options.headers = Object.assign({ "X-CSRF-Token": csrf, Accept: "application/json" },
      options.headers || {});
    options.credentials = "same-origin";
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, ok: response.ok, body: body };
      });
    });
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fn, wait);
    };
  }

  // ---- inserting text at the caret (kept in the undo history where the browser allows) ----
  function insertAtCaret(text, asBlock) {
    var start = source.selectionStart, end = source.selectionEnd;
    var before = source.value.slice(0, start), after = source.value.slice(end);
    if (asBlock) {
      if (before && !/\n\n$/.test(before)) text = (/\n$/.test(before) ? "\n" : "\n\n") + text;
      if (!/^\n\n/.test(after)) text = text + (/^\n/.test(after) ? "\n" : "\n\n");
    }
    source.focus();
    source.setSelectionRange(start, end);
    var inserted = false;
    try { inserted = document.execCommand("insertText", false, text); } catch (e) { inserted = false; }
    if (!inserted) {
      source.setRangeText(text, start, end, "end");
      source.dispatchEvent(new Event("input", { bubbles: true }));
    }
  }

  // ---- live preview ----
  var previewSeq = 0;
  function refreshPreview() {
    var seq = ++previewSeq;
    request("/admin/api/preview", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ source: source.value })
    }).then(function (result) {
      if (seq !== previewSeq) return; // an older answer arriving late
      if (result.ok) {
        preview.innerHTML = result.body.html;
        preview.removeAttribute("aria-busy");
      } else {
        preview.setAttribute("aria-busy", "false");
      }
    }).catch(function () { /* offline: the preview waits for the next change */ });
  }
  var schedulePreview = debounce(refreshPreview, 250);
  source.addEventListener("input", schedulePreview);

  // ---- autosave ----
  var autosave = form.hasAttribute("data-autosave");
  var stopped = false;
  var saving = false;
  var dirty = false;

  function say(text, isError) {
    state.textContent = text;
    state.classList.toggle("is-error", !!isError);
  }

  function autosaveUrl() {
    var id = form.getAttribute("data-post-id");
    return "/admin/api/" + kind + "s/" + (id ? id + "/" : "") + "autosave";
  }

  function doAutosave() {
    if (!autosave || stopped || !dirty) return;
    if (!document.getElementById("title").value.trim()) {
      say("Not saved yet: give the " + kind + " a title.", true);
      return;
    }
    if (saving) { scheduleAutosave(); return; }
    saving = true;
    dirty = false;
    say("Saving…");
    request(autosaveUrl(), { method: "POST", body: new FormData(form) }).then(function (result) {
      saving = false;
      if (result.ok) {
        version.value = result.body.updated_at;
        if (!form.getAttribute("data-post-id")) {
          form.setAttribute("data-post-id", result.body.id);
          form.action = result.body.edit_url;
          window.history.replaceState(null, "", result.body.edit_url);
        }
        say("Saved at " + result.body.saved_at);
      } else if (result.status === 409) {
        stopped = true; // never overwrite the other version: the writer decides
        say("Not saved: " + (result.body.error || "the post changed elsewhere."), true);
      } else {
        say("Not saved: " + (result.body.error || "the server refused the draft."), true);
      }
    }).catch(function () {
      saving = false;
      dirty = true;
      say("Not saved: the server could not be reached. Retrying…", true);
      scheduleAutosave();
    });
  }
  var scheduleAutosave = debounce(doAutosave, 1500);
  form.addEventListener("input", function (event) {
    if (event.target.type === "file") return;
    dirty = true;
    if (autosave && !stopped) scheduleAutosave();
  });
  form.addEventListener("submit", function () { stopped = true; });

  // ---- toolbar ----
  var toolbar = form.querySelector("[data-toolbar]");
  if (toolbar) {
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var card = button.getAttribute("data-insert");
      if (card && SNIPPETS[card]) insertAtCaret(SNIPPETS[card], true);
      if (button.hasAttribute("data-pick-image")) contentPicker.click();
    });
  }

  // ---- uploads ----
  function upload(file) {
    var body = new FormData();
    body.append("file", file);
    return request(uploadUrl, { method: "POST", body: body }).then(function (result) {
      if (!result.ok) throw new Error(result.body.error || "the upload was refused");
      return result.body;
    });
  }

  function imageCard(image) {
    var alt = (image.alt || "").replace(/[\[\]]/g, "");
    var size = image.width && image.height ? "{width=" + image.width + " height=" + image.height + "}" : "";
    return "![" + alt + "](" + image.url + ")" + size;
  }

  function uploadIntoContent(files) {
    var images = Array.prototype.filter.call(files, function (f) { return /^image\//.test(f.type); });
    if (!uploadUrl || !images.length) return false;
    images.forEach(function (file) {
      uploadStatus.textContent = "Uploading " + file.name + "…";
      upload(file).then(function (image) {
        insertAtCaret(imageCard(image), true);
        uploadStatus.textContent = "Uploaded " + file.name + ".";
      }).catch(function (error) {
        uploadStatus.textContent = "Not uploaded: " + error.message;
      });
    });
    return true;
  }

  var contentPicker = form.querySelector("[data-content-image]");
  if (contentPicker) {
    contentPicker.addEventListener("change", function () {
      uploadIntoContent(contentPicker.files);
      contentPicker.value = "";
    });
  }

  if (uploadUrl) {
    source.addEventListener("dragover", function (event) {
      if (event.dataTransfer && Array.prototype.indexOf.call(event.dataTransfer.types, "Files") >= 0) {
        event.preventDefault();
        source.classList.add("is-dropping");
      }
    });
    source.addEventListener("dragleave", function () { source.classList.remove("is-dropping"); });
    source.addEventListener("drop", function (event) {
      source.classList.remove("is-dropping");
      if (event.dataTransfer && event.dataTransfer.files.length) {
        event.preventDefault();
        uploadIntoContent(event.dataTransfer.files);
      }
    });
    source.addEventListener("paste", function (event) {
      var files = event.clipboardData && event.clipboardData.files;
      if (files && files.length && uploadIntoContent(files)) event.preventDefault();
    });
  }

  var featurePicker = form.querySelector("[data-feature-image]");
  if (featurePicker && uploadUrl) {
    var featureUrl = document.getElementById("feature_image");
    var hint = form.querySelector("[data-feature-image-hint]");
    featurePicker.disabled = false;
    hint.textContent = "JPEG, PNG, GIF, WebP or AVIF.";
    featurePicker.addEventListener("change", function () {
      var file = featurePicker.files[0];
      if (!file) return;
      hint.textContent = "Uploading " + file.name + "…";
      upload(file).then(function (image) {
        featureUrl.value = image.url;
        var shown = document.getElementById("feature-image-preview");
        if (!shown) {
          shown = document.createElement("img");
          shown.id = "feature-image-preview";
          shown.className = "feature-image-preview";
          shown.alt = "";
          featureUrl.closest(".field").before(shown);
        }
        shown.src = image.url;
        hint.textContent = "Uploaded " + file.name + ". Describe it in the alt text.";
        featureUrl.dispatchEvent(new Event("input", { bubbles: true }));
      }).catch(function (error) {
        hint.textContent = "Not uploaded: " + error.message;
      }).then(function () { featurePicker.value = ""; });
    });
  }

  // ---- Ctrl+S / Cmd+S ----
  document.addEventListener("keydown", function (event) {
    if ((event.ctrlKey || event.metaKey) && (event.key === "s" || event.key === "S")) {
      event.preventDefault();
      var save = form.querySelector("button[name=action][value=save]");
      if (save) form.requestSubmit(save);
    }
  });
})();
