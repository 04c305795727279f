// The survey page's one script (served from this server, allowed by the page's Content-Security-Policy).
// Without it the form still works (a plain POST); with it the answer is sent in the background and the
// page switches to its thank-you state. Embedded in another site (widget.js), it tells the parent its height.
(function () {
  'use strict';

  var form = document.getElementById('survey-form');
  var thanks = document.getElementById('thanks');

  function reportHeight() {
    if (window.parent !== window) {
      window.parent.postMessage({ type: 'insights-survey:height', height: document.documentElement.scrollHeight }, '*');
    }
  }

  if (!form) {
    reportHeight();
    return;
  }

  var error = document.getElementById('form-error');
  var submit = document.getElementById('submit');

  function showError(message) {
    error.textContent = message;
    error.hidden = false;
    reportHeight();
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var chosen = form.querySelector('input[name="score"]:checked');
    if (!chosen) {
      showError('Please choose a score from 0 to 10.');
      form.querySelector('input[name="score"]').focus();
      return;
    }

    error.hidden = true;
    submit.disabled = true;
    fetch(form.getAttribute('data-api'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      credentials: 'omit',
      body: JSON.stringify({
        token: form.getAttribute('data-token'),
        score: Number(chosen.value),
        comment: form.elements.comment.value
      })
    }).then(function (response) {
      if (response.ok) {
        return null;
      }
      return response.json().then(function (problem) {
        throw new Error(problem.detail || problem.title || 'Your answer was not saved.');
      }, function () {
        throw new Error('Your answer was not saved (error ' + response.status + ').');
      });
    }).then(function () {
      form.hidden = true;
      thanks.hidden = false;
      thanks.focus();
      reportHeight();
    }).catch(function (failure) {
      submit.disabled = false;
      showError(failure && failure.message ? failure.message : 'Your answer was not saved. Please try again.');
    });
  });

  window.addEventListener('load', reportHeight);
  window.addEventListener('resize', reportHeight);
  reportHeight();
}());
