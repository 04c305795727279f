// Platform Insights survey widget. Put on any page (an internal portal, Backstage):
//   <script src="https://insights.example.com/s/widget.js" data-token="RESPONDENT-TOKEN" async></script>
// It inserts the survey as an iframe right after this script tag (or into the element named by
// data-target="#css-selector"), sized to its content. The survey runs on the Insights origin, so the
// host page needs no CORS setup; its CSP must allow this script and frames from the Insights origin.
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }

  var origin = new URL(script.src, document.baseURI).origin;
  var token = script.getAttribute('data-token');
  if (!token) {
    return;
  }

  var frame = document.createElement('iframe');
  frame.src = origin + '/s/' + encodeURIComponent(token) + '?embed=1';
  frame.title = script.getAttribute('data-title') || 'Developer survey';
  frame.style.width = '100%';
  frame.style.maxWidth = '42rem';
  frame.style.height = '26rem';
  frame.style.border = '0';
  frame.setAttribute('referrerpolicy', 'no-referrer');

  var selector = script.getAttribute('data-target');
  var target = selector ? document.querySelector(selector) : null;
  if (target) {
    target.appendChild(frame);
  } else {
    script.parentNode.insertBefore(frame, script.nextSibling);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow || !event.data || event.data.type !== 'insights-survey:height') {
      return;
    }
    var height = Math.max(120, Math.min(2000, Number(event.data.height) || 0));
    frame.style.height = (height + 8) + 'px';
  });
}());
