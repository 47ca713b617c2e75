// The rate histories the renderer keeps while it runs: per connection (row id) and per process
// (processKeyOf). live-table.ts records into them with every poll; Properties charts them.
import { RateHistory } from './rate-history';

export const connectionRates = new RateHistory();
export const processRates = new RateHistory();
