import type { SieMapping } from './SieMapping.js';

/**
 * A company's BAS accounts onto a samordningsförbund's default chart, as a förbund taking over
 * old books would map them: each class of balance account onto the one the chart has, income
 * as övriga intäkter, costs as administrativa or operativa posts, financial items and the
 * close onto their own.
 */
export const companyMapping: SieMapping = {
  konton: [
    { från: '1000-1499', till: '1790' },
    { från: '1500-1599', till: '1510' },
    { från: '1600-1699', till: '1650' },
    { från: '1700-1899', till: '1790' },
    { från: '1900-1999', till: '1930' },
    { från: '2080-2098', till: '2091' },
    { från: '2099' },
    { från: '2100-2399', till: '2890' },
    { från: '2400-2499', till: '2440' },
    { från: '2500-2899', till: '2890' },
    { från: '2900-2999', till: '2990' },
    { från: '3000-3999', till: '3990', dimensioner: { intäktsslag: 'övrig' } },
    { från: '4000-4999', till: '4010', dimensioner: { område: 'operativa', post: 'Varor' } },
    {
      från: '5000-6999',
      till: '6010',
      dimensioner: { område: 'administrativa', post: 'Övriga kostnader' },
    },
    {
      från: '7000-7999',
      till: '6010',
      dimensioner: { område: 'administrativa', post: 'Personal' },
    },
    { från: '8000-8399', till: '8310' },
    { från: '8400-8989', till: '8410' },
    { från: '8999' },
  ],
  ejFördelat: { konto: '6010', dimensioner: { område: 'administrativa', post: 'Ej fördelat' } },
};
