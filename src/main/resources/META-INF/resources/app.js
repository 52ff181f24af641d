// Aftermath's only script: no build step. Reports the browser's time zone once and wires htmx to CSRF.
(function () {
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var hadZone = /(?:^|; )tz=/.test(document.cookie);
  if (zone) {
    document.cookie = 'tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
    var shown = document.querySelector('[data-zone]');
    if (!hadZone && shown && shown.textContent !== zone) {
      location.reload();
    }
  }
  // Copy buttons (the postmortem preview): data-copy-from names the textarea whose text is copied.
  document.addEventListener('click', function (event) {
    var button = event.target.closest ? event.target.closest('[data-copy-from]') : null;
    if (!button) {
      return;
    }
    var source = document.getElementById(button.getAttribute('data-copy-from'));
    var status = document.querySelector('[data-copy-status]');
    var report = function (text) {
      if (status) {
        status.textContent = text;
      }
    };
    var fallback = function () {
      source.select();
      report(document.execCommand('copy') ? 'Copied.' : 'Press Ctrl+C (or Cmd+C) to copy the selected text.');
    };
    if (!source) {
      return;
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(source.value).then(function () { report('Copied.'); }, fallback);
    } else {
      fallback();
    }
  });
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers['X-CSRF-Token'] = meta.content;
    }
  });
})();
