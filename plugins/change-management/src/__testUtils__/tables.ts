import { within } from '@testing-library/react';

/** The body rows of a table, each as its cells' text. */
export function rowsOf(table: HTMLElement) {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('th, td'), cell => cell.textContent),
    );
}
