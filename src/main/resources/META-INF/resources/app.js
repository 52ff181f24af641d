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
  // A link to #start-<runbook> (the runbook page's "run against" picker) opens that run form.
  var wanted = location.hash && document.getElementById(location.hash.slice(1));
  if (wanted && wanted.tagName === 'DETAILS') {
    wanted.open = true;
    wanted.scrollIntoView();
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta) {
      event.detail.headers['X-CSRF-Token'] = meta.content;
    }
  });
})();

// Live runbook runs: every element with data-run-events follows that run's server-sent events. The run page
// fills each step's output; the incident page shows the output of its active runs, and swaps its run list
// in again (htmx) when the timeline changes, so new elements are followed as they arrive. Text is only ever
// inserted as text, never as HTML.
(function () {
  var KEEP = 200000;
  var followed = [];
  function trim(element) {
    if (element.textContent.length > KEEP) {
      element.textContent = '…' + element.textContent.slice(-KEEP / 2);
    }
  }
  function label(status) {
    return status.toLowerCase().replace(/_/g, ' ');
  }
  function follow(root) {
    if (!window.EventSource || root.hasAttribute('data-following')) {
      return;
    }
    root.setAttribute('data-following', '');
    var source = new EventSource(root.getAttribute('data-run-events'));
    followed.push({ root: root, source: source });
    source.addEventListener('output', function (event) {
      var chunk = JSON.parse(event.data);
      var target = root.querySelector('[data-step-output="' + chunk.stepIndex + '"]') || root.querySelector('[data-run-output]');
      if (!target) {
        return;
      }
      var atBottom = target.scrollTop + target.clientHeight >= target.scrollHeight - 4;
      var span = document.createElement('span');
      span.className = 'stream-' + chunk.stream;
      span.textContent = chunk.text;
      target.appendChild(span);
      trim(target);
      if (atBottom) {
        target.scrollTop = target.scrollHeight;
      }
    });
    source.addEventListener('state', function (event) {
      var state = JSON.parse(event.data);
      root.querySelectorAll('[data-run-status]').forEach(function (el) {
        el.textContent = label(state.status);
        el.className = el.className.replace(/run-[a-z_]+/, 'run-' + state.status.toLowerCase());
      });
      state.steps.forEach(function (step) {
        var status = root.querySelector('[data-step-status="' + step.index + '"]');
        if (status) {
          status.textContent = label(step.status);
        }
        var exit = root.querySelector('[data-step-exit="' + step.index + '"]');
        if (exit) {
          exit.textContent = step.exitCode === null ? '' : 'exit code ' + step.exitCode;
        }
      });
      root.querySelectorAll('[data-when]').forEach(function (form) {
        form.hidden = form.getAttribute('data-when').split(' ').indexOf(state.status) < 0;
      });
      root.querySelectorAll('[data-awaiting-step]').forEach(function (el) {
        el.textContent = state.awaitingStep || '';
      });
      if (['QUEUED', 'RUNNING', 'AWAITING_CONFIRMATION'].indexOf(state.status) < 0) {
        root.querySelectorAll('[data-elapsed-since]').forEach(function (el) {
          el.removeAttribute('data-elapsed-since');
          el.textContent = '';
        });
      }
    });
    source.addEventListener('end', function () {
      source.close();
      if (root.hasAttribute('data-reload-on-end')) {
        window.setTimeout(function () { location.reload(); }, 500);
      }
    });
  }
  function followAll(content) {
    // Streams of elements a swap removed are closed, or each refresh would leave one open.
    followed = followed.filter(function (f) {
      if (!f.root.isConnected) {
        f.source.close();
        return false;
      }
      return true;
    });
    if (content.matches && content.matches('[data-run-events]')) {
      follow(content);
    }
    content.querySelectorAll('[data-run-events]').forEach(follow);
  }
  if (window.htmx) {
    htmx.onLoad(followAll);
  } else {
    followAll(document);
  }
  // Elapsed time of active runs, counted by the browser between updates.
  window.setInterval(function () {
    document.querySelectorAll('[data-elapsed-since]').forEach(function (el) {
      var seconds = Math.max(0, Math.floor((Date.now() - Date.parse(el.getAttribute('data-elapsed-since'))) / 1000));
      el.textContent = 'running for ' + (seconds >= 3600 ? Math.floor(seconds / 3600) + ' h ' : '')
        + Math.floor(seconds % 3600 / 60) + ' min ' + seconds % 60 + ' s';
    });
  }, 1000);
})();
