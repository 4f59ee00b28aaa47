import ExcelJS from 'exceljs';
import type { LedgerKind, LedgerKindField } from './kinds.ts';
import { headers, ownFieldHeader } from './row.ts';
import { categories, categoryLabels } from './vocabulary.ts';
import { importLimits } from './xlsx-import.ts';

/** The template's sheets: the one to fill in and its instructions. */
export const templateSheets = { items: '承诺事项', help: '填写说明' } as const;

interface TemplateColumn {
  readonly header: string;
  readonly width: number;
  readonly help: string;
  readonly date?: boolean;
  readonly field?: LedgerKindField;
}

function ownFieldHelp(field: LedgerKindField): string {
  switch (field.type) {
    case 'TEXT':
      return `文字，不超过 ${field.maxLength} 个字`;
    case 'COUNT':
      return `整数，0 至 ${field.max}`;
    case 'TEXTS':
      return `多项用顿号“、”分隔，最多 ${field.maxItems} 项，每项不超过 ${field.maxLength} 个字`;
    case 'CHOICES':
      return `从以下选填，多项用顿号“、”分隔：${field.choices.map((choice) => choice.label.zh).join('、')}`;
  }
}

/**
 * The import template of a partner of `kind` (.xlsx): the 承诺事项 sheet with the title and
 * instructions on rows 1–2 and the headers on row 3 (the export's layout, so the reader takes
 * both), lists to pick 类别 and 责任支部 from, date and whole-number checks; the 填写说明 sheet
 * explains every column and holds the lists. Required columns are marked with *.
 */
export async function importTemplate(kind: LedgerKind, options: { partnerName: string; branches: readonly string[] }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '党建联建共建平台';
  const columns: TemplateColumn[] = [
    {
      header: `${headers.title}*`,
      width: 36,
      help: '必填，不超过 200 个字；同一单位在同一联盟中，事项名称和完成时限都相同的视为同一事项，重复导入不会新增',
    },
    {
      header: `${headers.category}*`,
      width: 12,
      help: `必填，从下拉列表选择：${categories.map((category) => categoryLabels[category]).join('、')}`,
    },
    { header: headers.description, width: 40, help: '选填，不超过 5000 个字' },
    { header: headers.startDate, width: 12, help: '选填，日期，如 2026-03-01', date: true },
    { header: headers.dueDate, width: 12, help: '选填，日期，如 2026-06-30；不能早于开始日期', date: true },
    { header: headers.branch, width: 24, help: `选填，本单位的支部：${options.branches.join('、') || '（本单位尚未登记支部）'}` },
    ...kind.fields.map((field) => ({
      header: ownFieldHeader(kind, field),
      width: 18,
      help: ownFieldHelp(field),
      field,
    })),
  ];

  const sheet = workbook.addWorksheet(templateSheets.items, { views: [{ state: 'frozen', ySplit: 3 }] });
  const help = workbook.addWorksheet(templateSheets.help);
  sheet.columns = columns.map((column) => ({ width: column.width, style: column.date ? { numFmt: 'yyyy-mm-dd' } : {} }));
  sheet.getCell(1, 1).value = `${options.partnerName} 承诺事项导入模板（${kind.label.zh}）`;
  sheet.getCell(1, 1).font = { name: '黑体', size: 14, bold: true };
  sheet.getCell(2, 1).value =
    `带 * 的列必填；一行一个事项，从第 4 行起填写，最多 ${importLimits.maxRows} 行；日期写成 2026-06-30；各列说明见“${templateSheets.help}”。`;
  sheet.mergeCells(1, 1, 1, columns.length);
  sheet.mergeCells(2, 1, 2, columns.length);
  const headerRow = sheet.getRow(3);
  columns.forEach((column, index) => {
    const cell = headerRow.getCell(index + 1);
    cell.value = column.header;
    cell.font = { bold: true, color: { argb: 'FFFFFFFF' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC00000' } };
    cell.alignment = { horizontal: 'center' };
  });

  help.columns = [{ width: 18 }, { width: 90 }];
  help.addRow(['列', '填写说明']).font = { bold: true };
  for (const column of columns) {
    help.addRow([column.header, column.help]);
  }
  help.addRow([]);
  const listStart = help.rowCount + 1;
  help.addRow(['类别', ...categories.map((category) => categoryLabels[category])]);
  help.addRow(['责任支部', ...options.branches]);

  // exceljs keeps range validations (one <dataValidation sqref="B4:B2003">), though its types know only cells'.
  const validations = (sheet as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } })
    .dataValidations;
  const lastRow = 3 + importLimits.maxRows;
  const range = (index: number) => `${sheet.getColumn(index + 1).letter}4:${sheet.getColumn(index + 1).letter}${lastRow}`;
  const listOf = (row: number, count: number) => `'${templateSheets.help}'!$B$${row}:$${help.getColumn(count + 1).letter}$${row}`;
  columns.forEach((column, index) => {
    if (index === 1) {
      validations.add(range(index), {
        type: 'list',
        allowBlank: true,
        formulae: [listOf(listStart, categories.length)],
        showErrorMessage: true,
        errorTitle: '类别',
        error: '请从下拉列表中选择类别',
      });
    } else if (index === 5 && options.branches.length > 0) {
      validations.add(range(index), {
        type: 'list',
        allowBlank: true,
        formulae: [listOf(listStart + 1, options.branches.length)],
      });
    } else if (column.date) {
      validations.add(range(index), {
        type: 'date',
        operator: 'between',
        allowBlank: true,
        formulae: [new Date('2000-01-01T00:00:00Z'), new Date('2100-12-31T00:00:00Z')],
        showErrorMessage: true,
        error: '请填写日期，如 2026-06-30',
      });
    } else if (column.field?.type === 'COUNT') {
      validations.add(range(index), {
        type: 'whole',
        operator: 'between',
        allowBlank: true,
        formulae: [0, column.field.max ?? 1_000_000],
        showErrorMessage: true,
        error: `请填写 0 至 ${column.field.max} 的整数`,
      });
    }
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
