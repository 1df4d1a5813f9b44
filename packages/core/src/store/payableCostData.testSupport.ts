/** A cost of 100.50 kr owed as the payable LF-1: the data a caller hands the catalog. */
export const payableCostData = () => ({
  datum: '2021-02-01',
  område: 'operativa',
  post: 'MIA vidare',
  belopp: '100.50',
  text: 'Kostnad',
  betalning: { sätt: 'leverantörsskuld', postId: 'LF-1' },
});
