// Vaka's public forms, when JavaScript runs (they work without it):
// 1. GOV.UK "conditional reveal": an option's extra fields show only while the option is chosen.
// 2. Proof of work: solve the small puzzle tied to the form's token, so that the submission may draw from the
//    service's larger allowance when many send at once. Nothing is sent anywhere; the answer goes in the form.
(function () {
  'use strict';

  var radios = Array.prototype.slice.call(document.querySelectorAll('input[type="radio"]'));
  function updateReveals() {
    radios.forEach(function (radio) {
      var id = radio.getAttribute('data-reveals');
      var target = id && document.getElementById(id);
      if (!target) return;
      target.hidden = !radio.checked;
      radio.setAttribute('aria-controls', id);
    });
  }
  radios.forEach(function (radio) {
    radio.addEventListener('change', updateReveals);
  });
  updateReveals();

  var inputs = document.querySelectorAll('input[data-pow-challenge]');
  if (!inputs.length || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var encoder = new TextEncoder();

  function leadingZeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) {
        bits += 8;
        continue;
      }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  function solve(input) {
    var challenge = input.getAttribute('data-pow-challenge');
    var bits = Number(input.getAttribute('data-pow-bits')) || 0;
    var nonce = 0;
    function next() {
      if (nonce > 16777216) return undefined;
      var tried = nonce;
      return window.crypto.subtle.digest('SHA-256', encoder.encode(challenge + ':' + tried)).then(function (hash) {
        if (leadingZeroBits(new Uint8Array(hash)) >= bits) {
          input.value = String(tried);
          return undefined;
        }
        nonce += 1;
        return next();
      });
    }
    return next();
  }

  Array.prototype.forEach.call(inputs, function (input) {
    var done = solve(input);
    if (done && done.catch) done.catch(function () { /* the form still works without the answer */ });
  });
})();
