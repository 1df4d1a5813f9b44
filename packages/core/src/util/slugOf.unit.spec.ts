import test from 'ava';
import { slugOf } from './slugOf.js';

test('a slug is lower case, å/ä/ö plain, other accents dropped, one hyphen between words', (t) => {
  t.is(slugOf('MIA vidare Roslagen'), 'mia-vidare-roslagen');
  t.is(slugOf('Vägen vidare'), 'vagen-vidare');
  t.is(slugOf('Öppna samtal'), 'oppna-samtal');
  t.is(slugOf('Not 2 Verksamhetens kostnader'), 'not-2-verksamhetens-kostnader');
  t.is(slugOf('deltagare Åtgärd – Café Élan, 2021'), 'deltagare-atgard-cafe-elan-2021');
  t.is(slugOf('  (Resultaträkning)  '), 'resultatrakning');
});
