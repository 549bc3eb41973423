import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DateTime } from 'luxon';
import { ChangeManagementApi, changeManagementApiRef } from '../../api';
import { ExportChangeLog } from './ExportChangeLog';

async function renderExport(exportChangeLog: jest.Mock) {
  const api: Partial<ChangeManagementApi> = { exportChangeLog };
  return renderInTestApp(
    <TestApiProvider apis={[[changeManagementApiRef, api]]}>
      <ExportChangeLog />
    </TestApiProvider>,
  );
}

const setDate = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

const exportButton = () => screen.getByRole('button', { name: /Export CSV/ });

describe('ExportChangeLog', () => {
  const createObjectURL = jest.fn(() => 'blob:change-log');
  const revokeObjectURL = jest.fn();
  let clicked: HTMLAnchorElement[];

  beforeEach(() => {
    clicked = [];
    // jsdom has neither, and cannot follow a download link.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push(this);
      });
  });

  afterEach(() => {
    jest.restoreAllMocks();
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
  });

  it('defaults to this year so far, today included', async () => {
    await renderExport(jest.fn());

    expect(screen.getByLabelText('From')).toHaveValue(
      DateTime.local().startOf('year').toFormat('yyyy-MM-dd'),
    );
    expect(screen.getByLabelText('To')).toHaveValue(
      DateTime.local().plus({ days: 1 }).toFormat('yyyy-MM-dd'),
    );
  });

  it('downloads the change log of the chosen range under the name the server gives it', async () => {
    const csv = new Blob(['id,title\n1,x\n'], { type: 'text/csv' });
    const exportChangeLog = jest
      .fn()
      .mockResolvedValue({ blob: csv, fileName: 'change-log-2026-01-01.csv' });
    await renderExport(exportChangeLog);
    setDate('From', '2026-01-01');
    setDate('To', '2026-04-01');
    await userEvent.click(exportButton());

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(exportChangeLog).toHaveBeenCalledTimes(1);
    expect(exportChangeLog).toHaveBeenCalledWith({
      from: '2026-01-01',
      to: '2026-04-01',
    });
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    expect(createObjectURL).toHaveBeenCalledWith(csv);
    expect(clicked[0].download).toBe('change-log-2026-01-01.csv');
    expect(clicked[0].getAttribute('href')).toBe('blob:change-log');
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:change-log');
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('names the file itself when the server names none', async () => {
    const exportChangeLog = jest
      .fn()
      .mockResolvedValue({ blob: new Blob(['ID\n']) });
    await renderExport(exportChangeLog);
    setDate('From', '2026-01-01');
    setDate('To', '2026-04-01');
    await userEvent.click(exportButton());

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(clicked[0].download).toBe('change-log-2026-01-01-2026-04-01.csv');
  });

  it.each([
    ['equal', '2026-04-01', '2026-04-01'],
    ['reversed', '2026-05-01', '2026-04-01'],
  ])('refuses a range with From and To %s', async (_, from, to) => {
    const exportChangeLog = jest.fn();
    await renderExport(exportChangeLog);
    setDate('From', from);
    setDate('To', to);
    await userEvent.click(exportButton());

    expect(screen.getByText('Must be after From')).toBeInTheDocument();
    expect(exportChangeLog).not.toHaveBeenCalled();
    expect(createObjectURL).not.toHaveBeenCalled();
  });

  it('refuses an empty date', async () => {
    const exportChangeLog = jest.fn();
    await renderExport(exportChangeLog);
    setDate('From', '');
    await userEvent.click(exportButton());

    expect(screen.getByText('Pick both dates')).toBeInTheDocument();
    expect(exportChangeLog).not.toHaveBeenCalled();
  });

  it('shows progress while exporting', async () => {
    await renderExport(jest.fn(() => new Promise(() => {})));
    await userEvent.click(exportButton());

    expect(exportButton()).toBeDisabled();
    expect(screen.getByRole('progressbar')).toBeInTheDocument();
  });

  it('shows a failure of the export', async () => {
    const exportChangeLog = jest
      .fn()
      .mockRejectedValue(new Error('from must be before to'));
    await renderExport(exportChangeLog);
    await userEvent.click(exportButton());

    expect(
      await screen.findByText(
        'Could not export the change log: from must be before to',
      ),
    ).toBeInTheDocument();
    expect(exportButton()).toBeEnabled();
    expect(clicked).toHaveLength(0);
  });
});
