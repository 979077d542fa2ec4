/** Square formats: the Transactions CSV. */
export { squareTransactions } from './transactions.format.ts';
