'use strict';
// What became of telling each channel about a sighting, as compact badges: "log ✓ mqtt ⟳ 3 (last
// error: …)". The marks are hidden from screen readers, which read the state in words instead;
// the full story of each delivery is in its title.
window.fieldmarkDeliveries = (function () {
  const STATES = {
    delivered: { mark: '✓', words: 'delivered' },
    pending: { mark: '⟳', words: 'being retried, attempts so far:' },
    failed: { mark: '✗', words: 'failed after attempts:' }
  };

  function span(className, content) {
    const element = document.createElement('span');
    element.className = className;
    element.textContent = content;
    return element;
  }

  function title(d) {
    const attempts = d.attempts + (d.attempts === 1 ? ' attempt' : ' attempts');
    let story = d.channel + ': ' + d.state + ' after ' + attempts;
    if (d.state === 'pending' && d.nextAttempt) { story += ', next at ' + new Date(d.nextAttempt).toLocaleString(); }
    if (d.lastError) { story += (d.state === 'delivered' ? '; an earlier attempt failed: ' : '; last error: ') + d.lastError; }
    return story;
  }

  function badge(d) {
    const state = STATES[d.state] || { mark: '?', words: d.state };
    const li = document.createElement('li');
    li.className = 'delivery delivery-' + d.state;
    li.dataset.channel = d.channel;
    li.dataset.state = d.state;
    li.title = title(d);
    const mark = span('delivery-mark', state.mark);
    mark.setAttribute('aria-hidden', 'true');
    li.append(d.channel + ' ', mark, span('visually-hidden', ' ' + state.words));
    if (d.state !== 'delivered') {
      li.append(' ' + d.attempts);
      if (d.lastError) { li.append(' ', span('delivery-error', '(last error: ' + d.lastError + ')')); }
    }
    return li;
  }

  // A list of badges, or null when nobody was to be told (nothing to show).
  return function render(deliveries) {
    if (!deliveries || deliveries.length === 0) { return null; }
    const list = document.createElement('ul');
    list.className = 'deliveries';
    list.setAttribute('aria-label', 'Notifications');
    deliveries.forEach((d) => list.appendChild(badge(d)));
    return list;
  };
})();
