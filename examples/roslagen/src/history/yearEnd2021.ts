import { historyDraft, type HistoryDraft } from './historyDraft.js';
import { miaVidare, not2Post as p } from './not2Lines.js';
import type { PayableSpec, YearEndItems } from './yearEndItems.js';

/**
 * The open items of 31 December 2021. Årsredovisning 2022 prints only the 2021 totals (BR,
 * tkr): kundfordran 750, förutbetalda kostnader och upplupna intäkter 891, moms 357,
 * leverantörsskulder 909, övrig skuld 3, upplupna kostnader 1 467. Every item is
 * RECONSTRUCTED (texts end in "(rekonstruerad)") so that they make these totals, except
 * upplupna kostnader: 1 461 000.00, because the printed 2021 liabilities are 6 tkr too
 * high (README, "Discrepancies": 909 + 3 + 1 467 = 2 379, but the BR's summa 4 760 less
 * eget kapital 2 387 leaves 2 373, and KF 2021's +389 and KF 2022's −1 353 both imply
 * 2 373). The kundfordran (the state's fourth quarter, 750 000.00) is in income2021.ts, the
 * ESF accrual (761 200.00) too.
 */

const due = '2022-01-14';
const asf = (postId: string, name: string, brutto: string, datum: string): PayableSpec => ({
  postId,
  text: `MIA Arbetsträning ${name} nov (rekonstruerad)`,
  brutto,
  momssats: 25n,
  datum,
  motpart: name,
  component: 'esf-arbetstraning',
  betalas: due,
});
const team = (postId: string, text: string, brutto: string, datum: string, motpart: string): PayableSpec => ({ postId, text, brutto, momssats: 0n, datum, motpart, component: 'esf-team', betalas: due });

/** The prepaid rent of kv 1 2022: a prepayment (Not 3) and, unpaid, a payable (Not 4), as in 2020. */
export const prepaidRent2022 = { postId: 'FK-2021-LOKAL-KV1-2022', payablePostId: 'LS-2021-LOKAL', belopp: '122000.00' } as const;

export const yearEnd2021Items: YearEndItems = {
  year: 2021,
  accrualsRecordedOn: '2022-01-26',
  payables: [
    asf('LS-2021-ROSLAGSKRAFTEN', 'Roslagskraften', '93750.00', '2021-12-06'),
    asf('LS-2021-RE-INNOVATION', 'Re innovation', '112500.00', '2021-12-07'),
    asf('LS-2021-SELMAS', 'Selmas', '56250.00', '2021-12-07'),
    asf('LS-2021-BERGA-BEDS', 'Berga beds', '45000.00', '2021-12-03'),
    asf('LS-2021-REKOMMENDERAS', 'Rekommenderas', '30000.00', '2021-12-03'),
    asf('LS-2021-RESURSEN', 'Resursen', '18750.00', '2021-12-03'),
    asf('LS-2021-VADDO', 'Väddö hälsoträdgård', '16875.00', '2021-12-08'),
    { postId: 'LS-2021-ASF-SAMORDNARE', text: 'ASF samordnare nov-dec (rekonstruerad)', brutto: '68420.00', momssats: 0n, datum: '2021-12-17', motpart: 'Utlånande medlem (rekonstruerad)', component: 'asf-samordnare', betalas: due },
    { postId: 'LS-2021-ASF-UTBILDNING', text: 'Stödja ASF utbildningsinsats nov (rekonstruerad)', brutto: '31250.00', momssats: 25n, datum: '2021-12-09', motpart: 'Utbildningsföretag (rekonstruerad)', component: 'asf-utveckling', betalas: due },
    team('LS-2021-TEAM-TABY', 'Mia Team Täby nov (rekonstruerad)', '24310.00', '2021-12-09', 'Täby kommun'),
    team('LS-2021-TEAM-NORRTALJE', 'Mia Team Norrtälje nov (rekonstruerad)', '21940.00', '2021-12-08', 'Norrtälje kommun'),
    team('LS-2021-TEAM-VALLENTUNA', 'MIA team Vallentuna okt-nov (rekonstruerad)', '23615.00', '2021-12-10', 'Vallentuna kommun'),
    team('LS-2021-TEAM-VAXHOLM', 'MIA team Vaxholm nov (rekonstruerad)', '9870.00', '2021-12-13', 'Vaxholms stad'),
    team('LS-2021-TEAM-DANDERYD', 'MIA team Danderyd okt-nov (rekonstruerad)', '19430.00', '2021-12-14', 'Danderyds kommun'),
    team('LS-2021-TEAM-OSTERAKER', 'MIA team Österåker nov (rekonstruerad)', '28250.00', '2021-12-15', 'Österåkers kommun'),
    { postId: 'LS-2021-LERNIA', text: 'Ekonomi Lernia nov-dec (rekonstruerad)', brutto: '8100.00', momssats: 25n, datum: '2021-12-10', motpart: 'Lernia', component: 'kansli-ekonomi', betalas: due },
    { postId: 'LS-2021-PLATTFORM', text: 'Plattform insatskatalogen dec (rekonstruerad)', brutto: '3090.00', momssats: 25n, datum: '2021-12-14', motpart: 'Samordningsförbundet Centrala Östergötland', component: 'insatskatalog-plattform', betalas: due },
    { postId: 'LS-2021-SAMSUS', text: 'SAMSUS föreläsning nov (rekonstruerad)', brutto: '12500.00', momssats: 25n, datum: '2021-12-02', motpart: 'Föreläsare (rekonstruerad)', component: 'samsus-forum', betalas: due },
    { postId: 'LS-2021-FORUM', text: 'Konferens psykisk hälsa nov (rekonstruerad)', brutto: '18750.00', momssats: 25n, datum: '2021-12-01', motpart: 'Konferensarrangör (rekonstruerad)', component: 'gemensamma-forum', betalas: due },
    { postId: 'LS-2021-KANSLI-OVRIGT', text: 'Kansli övrigt (rekonstruerad)', brutto: '1120.00', momssats: 25n, datum: '2021-12-16', motpart: 'Diverse leverantörer (rekonstruerad)', component: 'kansli-ovrigt', betalas: due },
    { postId: 'LS-2021-KURSLEDARE', text: 'Kursledare deltagarkurs okt-nov (rekonstruerad)', brutto: '65000.00', momssats: 0n, datum: '2021-12-13', motpart: 'Täby kommun (rekonstruerad)', component: 'esf-kursledare', betalas: due },
    { postId: 'LS-2021-PROJEKTGEMENSAMT', text: 'Reg. projektgemensamma kostnader kv 3 (rekonstruerad)', brutto: '78400.00', momssats: 0n, datum: '2021-12-06', motpart: 'Regionala MIA-projektet (rekonstruerad)', component: 'esf-projektgemensamt', betalas: due },
  ],
  accruedCosts: [
    { postId: 'UK-2021-STYRELSE', text: 'Styrelse arvode nov-dec (rekonstruerad)', belopp: '52340.00', component: 'styrelse-arvode', motpart: 'Arvodesmottagare styrelsen (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-21' },
    { postId: 'UK-2021-REVISION', text: 'Revision 2021 (rekonstruerad)', belopp: '61000.00', component: 'revision', motpart: 'Sakkunnigt revisionsbiträde (rekonstruerad)', fakturaMomssats: 25n, faktureras: '2022-03-10' },
    { postId: 'UK-2021-KANSLI', text: 'Kanslipersonal nov-dec (rekonstruerad)', belopp: '174860.00', component: 'kansli-personal', motpart: 'Österåkers kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-20' },
    { postId: 'UK-2021-SAMSUS', text: 'Insatspersonal - SAMSUS (rekonstruerad)', belopp: '21300.00', component: 'samsus-samordnare', motpart: 'Täby kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-25' },
    { postId: 'UK-2021-VARDDIALOG', text: 'Insatspersonal - Vårddialog (rekonstruerad)', belopp: '12800.00', component: 'varddialog-samordnare', motpart: 'Täby kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-25' },
    { postId: 'UK-2021-INSATSKATALOG', text: 'Insatspersonal - Insatskatalog (rekonstruerad)', belopp: '38200.00', component: 'insatskatalog-samordnare', motpart: 'Täby kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-25' },
    { postId: 'UK-2021-TEAM', text: 'Team personal okt-dec (rekonstruerad)', belopp: '214600.00', component: 'esf-team', motpart: 'Försäkringskassan', fakturaMomssats: 0n, faktureras: '2022-02-04' },
    { postId: 'UK-2021-PROJEKTLEDARE', text: 'Projektledare nov-dec (rekonstruerad)', belopp: '118400.00', component: 'esf-projektledning', motpart: 'Täby kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-28' },
    { postId: 'UK-2021-SE-COACH', text: '2 SE-coach Arbetsförmedling okt-dec (rekonstruerad)', belopp: '348900.00', component: 'esf-se-coach', motpart: 'Arbetsförmedlingen', fakturaMomssats: 0n, faktureras: '2022-02-11' },
    { postId: 'UK-2021-KURSLEDARE', text: 'Kursledare dec (rekonstruerad)', belopp: '54300.00', component: 'esf-kursledare', motpart: 'Täby kommun (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-01-28' },
    { postId: 'UK-2021-ARBETSTRANING', text: 'Arbetsträning på ASF dec (rekonstruerad)', belopp: '265000.00', component: 'esf-arbetstraning', motpart: 'Arbetsintegrerande sociala företag (rekonstruerad)', fakturaMomssats: 25n, faktureras: '2022-01-14' },
    { postId: 'UK-2021-VAGLEDARE', text: 'Vägledare okt-dec (rekonstruerad)', belopp: '42000.00', component: 'esf-vagledare', motpart: 'Österåkers kommun', fakturaMomssats: 0n, faktureras: '2022-02-04' },
    { postId: 'UK-2021-PROJEKTGEMENSAMT', text: 'Projektgemensamma kostnader kv 4 (rekonstruerad)', belopp: '57300.00', component: 'esf-projektgemensamt', motpart: 'Regionala MIA-projektet (rekonstruerad)', fakturaMomssats: 0n, faktureras: '2022-02-18' },
  ],
  prepaid: [
    {
      postId: prepaidRent2022.postId,
      text: 'Projektlokal kv 1 2022 Täby församling (rekonstruerad)',
      belopp: prepaidRent2022.belopp,
      moms: '0.00',
      datum: '2021-12-15',
      avserPeriod: '2022 kv 1',
      motpart: 'Täby församling',
      område: 'operativa',
      post: p.projektlokal,
      insats: miaVidare,
      reversesInto: 'projektlokal',
      betalning: { sätt: 'leverantörsskuld', postId: prepaidRent2022.payablePostId, text: 'MIA och kansli lokal kv 1 2022 (rekonstruerad)', betalas: '2022-01-04' },
    },
    { postId: 'FK-2021-WEBB-2022', text: 'Webb underhåll Webfather-Pleis 2022 (rekonstruerad)', belopp: '3968.00', moms: '992.00', datum: '2021-12-10', avserPeriod: '2022', motpart: 'Webfather-Pleis', område: 'administrativa', post: p.övrigt, reversesInto: 'kansli-ovrigt', betalning: { sätt: 'bank' } },
    { postId: 'FK-2021-VISMA-2022', text: 'Ekonomisystem Visma 2022 (rekonstruerad)', belopp: '3456.00', moms: '864.00', datum: '2021-12-16', avserPeriod: '2022', motpart: 'Visma', område: 'administrativa', post: p.övrigt, reversesInto: 'kansli-ovrigt', betalning: { sätt: 'bank' } },
  ],
  otherDebts: [
    { postId: 'OS-2021-UTLAGG', text: 'Utlägg förbundschef dec 2021 (rekonstruerad)', belopp: '2980.00', datum: '2021-12-20', motpart: 'Förbundschefen (rekonstruerad)', component: 'kansli-ovrigt', betalas: '2022-01-14' },
  ],
  incomeAccruals: [],
};

/** The close of 2021 (RECONSTRUCTED date of the board's decision). PRINTED: årets resultat −1 138 (tkr); exact −1 138 280.00. */
export const close2021 = (): HistoryDraft =>
  historyDraft('RäkenskapsårStängt', 'rakenskapsar-2021-stangt', '2022-03-16', {
    år: 2021,
    datum: '2022-03-16',
    åretsResultat: '-1138280.00',
    text: 'Årets resultat 2021 (styrelsens beslut 2022-03-16, rekonstruerat datum)',
  });
