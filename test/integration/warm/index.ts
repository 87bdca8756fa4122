// Test entry for the warm-start run: the same window is started twice on one vault and one user data
// folder. The first start indexes by reading every note and writes the cache; the second must come
// back from that cache without reading a note, with the same findings.
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  mocha.addFile(path.join(__dirname, 'warm-start.test.js'));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} warm-start test(s) failed`)) : resolve()));
  });
}
