// The admin's small enhancements; every page works without them.
// - the theme toggle (light/dark, remembered in localStorage)
// - "select all" for bulk actions, confirmation of destructive buttons
// - navigation rows in the settings: add, remove, move up and down
// - focus on the error summary of a refused form
// - copy buttons next to read-only values (API keys)
(function () {
  "use strict";

  var KEY = "inkwell-admin-theme";
  var root = document.documentElement;

  function currentTheme() {
    var chosen = root.getAttribute("data-theme");
    if (chosen === "light" || chosen === "dark") return chosen;
    return window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function setUpThemeToggle() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    function label() {
      var dark = currentTheme() === "dark";
      button.textContent = dark ? "Light theme" : "Dark theme";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    button.hidden = false;
    label();
    button.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      try { window.localStorage.setItem(KEY, next); } catch (e) { /* not remembered */ }
      label();
    });
  }

  function setUpSelectAll() {
    document.querySelectorAll("[data-select-all]").forEach(function (box) {
      var form = box.form || document;
      var name = box.getAttribute("data-select-all");
      box.hidden = false;
      var label = document.querySelector("label[for='" + box.id + "']");
      if (label) label.hidden = false;
      box.addEventListener("change", function () {
        form.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(function (item) {
          item.checked = box.checked;
        });
      });
    });
  }

  function setUpConfirmations() {
    document.addEventListener("click", function (event) {
      var target = event.target.closest ? event.target.closest("[data-confirm]") : null;
      if (target && !window.confirm(target.getAttribute("data-confirm"))) {
        event.preventDefault();
      }
    });
  }

  function renumber(list) {
    list.querySelectorAll(".nav-row").forEach(function (row, index) {
      row.querySelectorAll("input, label").forEach(function (el) {
        ["id", "for", "name"].forEach(function (attr) {
          var value = el.getAttribute(attr);
          if (value) el.setAttribute(attr, value.replace(/-\d+(-|$)/, "-" + index + "$1"));
        });
      });
      row.querySelectorAll("[data-row-label]").forEach(function (el) {
        el.textContent = el.getAttribute("data-row-label").replace("#", String(index + 1));
      });
    });
  }

  function showRowButtons(scope) {
    scope.querySelectorAll("[data-row-action]").forEach(function (button) { button.hidden = false; });
  }

  function setUpNavigationRows() {
    document.querySelectorAll("[data-nav-rows]").forEach(function (list) {
      showRowButtons(list);
      var template = document.getElementById(list.getAttribute("data-nav-rows"));
      var add = document.querySelector("[data-add-row='" + list.id + "']");
      if (add && template) {
        add.hidden = false;
        add.addEventListener("click", function () {
          var row = template.content.cloneNode(true);
          showRowButtons(row);
          list.appendChild(row);
          renumber(list);
          var rows = list.querySelectorAll(".nav-row");
          var input = rows[rows.length - 1].querySelector("input");
          if (input) input.focus();
        });
      }
      list.addEventListener("click", function (event) {
        var button = event.target.closest("button[data-row-action]");
        if (!button) return;
        event.preventDefault();
        var row = button.closest(".nav-row");
        var action = button.getAttribute("data-row-action");
        if (action === "remove") {
          row.remove();
        } else if (action === "up" && row.previousElementSibling) {
          list.insertBefore(row, row.previousElementSibling);
        } else if (action === "down" && row.nextElementSibling) {
          list.insertBefore(row.nextElementSibling, row);
        }
        renumber(list);
        if (action !== "remove") button.focus();
      });
    });
  }

  function setUpCopyButtons() {
    var status = document.querySelector("[data-copy-status]");
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      if (!field || !navigator.clipboard) return;
      button.hidden = false;
      button.addEventListener("click", function () {
        var label = field.labels && field.labels[0] ? field.labels[0].textContent : "The value";
        navigator.clipboard.writeText(field.value).then(function () {
          if (status) status.textContent = label + " copied.";
        }, function () {
          field.select();
          if (status) status.textContent = "Copying was refused: the value is selected, copy it yourself.";
        });
      });
    });
  }

  function focusErrors() {
    var summary = document.querySelector("[data-focus-on-load]");
    if (summary) summary.focus();
  }

  setUpThemeToggle();
  setUpSelectAll();
  setUpConfirmations();
  setUpNavigationRows();
  setUpCopyButtons();
  focusErrors();
})();
