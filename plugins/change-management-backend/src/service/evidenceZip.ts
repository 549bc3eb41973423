import archiver from 'archiver';
import {
  AuditSample,
  ChangeEvent,
  ReaderWords,
} from '@trove/backstage-plugin-change-management-common';
import { stringify } from 'csv-stringify/sync';
import { Readable } from 'node:stream';
import { evidenceHtml } from './evidenceHtml';

function eventsCsv(events: ChangeEvent[]): string {
  return stringify(
    events.map(e => ({ ...e, fields: JSON.stringify(e.fields) })),
    {
      header: true,
      escape_formulas: true,
      columns: [
        'seq',
        'at',
        'action',
        'actor',
        'fromState',
        'toState',
        'comment',
        'fields',
        'previousHash',
        'hash',
      ],
    },
  );
}

/**
 * The sample as a zip, streamed: `sample.json` (the period and the seed),
 * then one folder per change with `change.json` (the record and the
 * controls), `events.csv` (the trail with its hashes) and `evidence.html`,
 * which names people and writes times in `words`; the JSON and the CSV keep
 * the refs and ISO times, for programs.
 */
export function evidenceZip(sample: AuditSample, words: ReaderWords): Readable {
  const zip = archiver('zip');
  const { items, ...draw } = sample;
  zip.append(JSON.stringify(draw, null, 2), { name: 'sample.json' });
  items.forEach((evidence, i) => {
    const { events, ...record } = evidence;
    const folder = `${String(i + 1).padStart(3, '0')}-${evidence.change.id}`;
    zip.append(JSON.stringify(record, null, 2), {
      name: `${folder}/change.json`,
    });
    zip.append(eventsCsv(events), { name: `${folder}/events.csv` });
    zip.append(evidenceHtml(evidence, words), {
      name: `${folder}/evidence.html`,
    });
  });
  zip.finalize();
  return zip;
}
