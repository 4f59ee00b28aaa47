import { createRequire } from 'node:module';
import type { ExcelJSTypes as ExcelJSModule } from '@hub/ledger';

/**
 * Reading and writing the ledger's files in tests with the libraries the product uses: exceljs
 * (and JSZip, which exceljs and docx pack and unpack with). The test packages do not depend on
 * them, @hub/ledger does, so they are loaded from its folder: the same copies the gateway runs.
 */
const fromLedger = createRequire(new URL('../../packages/ledger/package.json', import.meta.url));
export const ExcelJS = fromLedger('exceljs') as { Workbook: typeof ExcelJSModule.Workbook };
export type Workbook = ExcelJSModule.Workbook;
export type CellValue = ExcelJSModule.CellValue;

interface ZipFile {
  async(type: 'string'): Promise<string>;
}
interface Zip {
  readonly files: Record<string, unknown>;
  file(name: string): ZipFile | null;
  file(name: string, data: string | Buffer, options?: { compression?: 'DEFLATE' | 'STORE' }): void;
  generateAsync(options: { type: 'nodebuffer'; compression?: 'DEFLATE' | 'STORE' }): Promise<Buffer>;
}
export const JSZip = createRequire(fromLedger.resolve('exceljs'))('jszip') as { new (): Zip; loadAsync(data: Buffer): Promise<Zip> };

/** Opens an .xlsx as exceljs reads it. */
export async function openWorkbook(bytes: Buffer): Promise<Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJSModule.Buffer);
  return workbook;
}

export async function bytesOf(workbook: Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A sheet's rows below its header row (the row holding `firstHeader`, within the first 10), as
 * objects keyed by header; empty cells are left out.
 */
export function rowsBelowHeader(sheet: ExcelJSModule.Worksheet, firstHeader: string): Record<string, CellValue>[] {
  let headerRow = 0;
  for (let number = 1; number <= 10 && !headerRow; number += 1) {
    if ((sheet.getRow(number).values as unknown[]).includes(firstHeader)) {
      headerRow = number;
    }
  }
  const headers = (sheet.getRow(headerRow).values as unknown[]).map((value) => String(value ?? ''));
  const rows: Record<string, CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number > headerRow) {
      const values = row.values as CellValue[];
      rows.push(
        Object.fromEntries(headers.flatMap((header, index) => (header && values[index] !== undefined ? [[header, values[index]]] : []))),
      );
    }
  });
  return rows;
}

/** The import template (bytes) with `rows` filled in from row 4, cells by header (the * of required columns ignored). */
export async function fillTemplate(template: Buffer, rows: Record<string, CellValue>[]): Promise<Buffer> {
  const workbook = await openWorkbook(template);
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw new Error('the template has no sheet');
  }
  const headers = (sheet.getRow(3).values as unknown[]).map((value) => String(value ?? '').replace('*', ''));
  rows.forEach((row, index) => {
    for (const [header, value] of Object.entries(row)) {
      const column = headers.indexOf(header);
      if (column < 1) {
        throw new Error(`the template has no ${header} column`);
      }
      sheet.getRow(4 + index).getCell(column).value = value;
    }
  });
  return bytesOf(workbook);
}

/** The text of a .docx's body (word/document.xml without its tags), and the XML itself. */
export async function docxText(bytes: Buffer): Promise<{ text: string; xml: string }> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return { xml, text: xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '') };
}
