import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { chineseDate } from './period.ts';
import { percentText, type ReportModel } from './report.ts';

/**
 * The 工作简报 as a Word document in the usual official layout (GB/T 9704 as offices use it): A4
 * with 37/35/28/26 mm margins, a red masthead (红头) with the issuer and date over a red rule,
 * the title in 小标宋 二号, body text in 仿宋_GB2312 三号 at a fixed 28 pt line, section heads
 * numbered 一、二、… in 黑体, tables in 仿宋 小四, page numbers 「— 1 —」 at the foot.
 */

const fonts = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  masthead: '方正小标宋简体',
  page: '宋体',
} as const;
/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt. */
const sizes = { title: 44, body: 32, page: 28, table: 24, masthead: 72 } as const;
const red = 'C00000';
const mm = (millimetres: number) => Math.round(millimetres * 56.7);

function run(text: string, font: string, size: number, options: { bold?: boolean; color?: string } = {}): TextRun {
  return new TextRun({ text, font: { ascii: 'Times New Roman', hAnsi: 'Times New Roman', eastAsia: font }, size, ...options });
}

function body(text: string, options: { indent?: boolean; alignment?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}): Paragraph {
  return new Paragraph({
    children: [run(text, fonts.body, sizes.body)],
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    indent: options.indent === false ? undefined : { firstLine: 640 },
    alignment: options.alignment ?? AlignmentType.JUSTIFIED,
  });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    children: [run(text, fonts.heading, sizes.body)],
    spacing: { line: 560, lineRule: LineRuleType.EXACT },
    indent: { firstLine: 640 },
    keepNext: true,
  });
}

function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [
      new Paragraph({
        children: [run(text, header ? fonts.heading : fonts.body, sizes.table)],
        alignment: header ? AlignmentType.CENTER : AlignmentType.LEFT,
      }),
    ],
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
  });
}

/** A table with a header row repeated on every page and rows kept whole. */
function table(headers: readonly string[], rows: readonly (readonly string[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: headers.map((text) => cell(text, true)) }),
      ...rows.map((row) => new TableRow({ cantSplit: true, children: row.map((text) => cell(text)) })),
    ],
  });
}

const number = (value: number) => value.toLocaleString('zh-CN');
const average = (value: number) => `${(Math.round(value * 10) / 10).toFixed(1)}%`;
const numerals = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The sections of a report, numbered in order; a section with nothing to say says so. */
function sections(model: ReportModel): (Paragraph | Table)[] {
  const many = model.scope === 'all';
  const withAlliance = (row: readonly string[], alliance: string) => (many ? [alliance, ...row] : row);
  const head = (row: readonly string[]) => (many ? ['联盟', ...row] : row);
  const { overall } = model;
  const parts: { title: string; content: (Paragraph | Table)[] }[] = [];

  parts.push({
    title: '总体情况',
    content: [
      body(
        `截至${chineseDate(model.asOf)}，共建清单在册事项 ${number(overall.total)} 项（不含已撤回事项），已销项 ${number(overall.completed)} 项，完成率 ${percentText(overall.completionRate)}，平均进展 ${average(overall.averageProgress)}；逾期未完成 ${number(overall.overdue)} 项，超过 ${model.staleDays} 天未报送进展 ${number(overall.stale)} 项。${model.period.title}内销项 ${number(overall.closedInPeriod)} 项，开展联建活动 ${number(overall.activitiesInPeriod)} 次。`,
      ),
      ...(many
        ? [
            table(
              ['联盟', '事项数', '已销项', '完成率', '逾期', '无进展'],
              model.byAlliance.map((row) => [
                row.alliance,
                number(row.total),
                number(row.completed),
                percentText(row.completionRate),
                number(row.overdue),
                number(row.stale),
              ]),
            ),
          ]
        : []),
    ],
  });
  parts.push({
    title: '各共建单位完成情况',
    content: model.byPartner.length
      ? [
          table(
            head(['共建单位', '单位类型', '事项数', '已销项', '完成率', '逾期', '平均进展']),
            model.byPartner.map((row) =>
              withAlliance(
                [
                  row.partner,
                  row.kind,
                  number(row.total),
                  number(row.completed),
                  percentText(row.completionRate),
                  number(row.overdue),
                  average(row.averageProgress),
                ],
                row.alliance,
              ),
            ),
          ),
        ]
      : [body('暂无共建单位事项。')],
  });
  parts.push({
    title: '各类别完成情况',
    content: [
      table(
        ['类别', '事项数', '已销项', '完成率', '逾期', '平均进展'],
        model.byCategory.map((row) => [
          row.category,
          number(row.total),
          number(row.completed),
          percentText(row.completionRate),
          number(row.overdue),
          average(row.averageProgress),
        ]),
      ),
    ],
  });
  parts.push({
    title: '逾期及滞后事项',
    content: model.lagging.length
      ? [
          body(
            `逾期未完成 ${number(overall.overdue)} 项，超过 ${model.staleDays} 天未报送进展 ${number(overall.stale)} 项，情况如下（情况说明为责任单位对督办的最近答复，未答复的为其最近一次报送的进展）：`,
          ),
          table(
            head(['共建单位', '事项名称', '完成时限', '进展', '滞后情况', '情况说明']),
            model.lagging.map((item) =>
              withAlliance(
                [
                  item.partner,
                  item.title,
                  item.dueDate ?? '—',
                  `${item.progress}%`,
                  item.why === 'OVERDUE' ? `逾期 ${item.days} 天` : `${item.days} 天无进展`,
                  item.reason ? `${item.reason}（${item.reasonDay}）` : '未报送进展',
                ],
                item.alliance,
              ),
            ),
          ),
        ]
      : [body('无逾期或滞后事项。')],
  });
  parts.push({
    title: `${model.period.title}销项事项`,
    content: model.closed.length
      ? [
          body(`${model.period.title}共销项 ${number(model.closed.length)} 项：`),
          table(
            head(['共建单位', '事项名称', '类别', '销项日期']),
            model.closed.map((item) => withAlliance([item.partner, item.title, item.category, item.completedOn], item.alliance)),
          ),
        ]
      : [body(`${model.period.title}无销项事项。`)],
  });
  parts.push({
    title: `${model.period.title}联建活动`,
    content: model.activities.length
      ? [
          body(`${model.period.title}共开展联建活动 ${number(model.activities.length)} 次：`),
          table(
            head(['日期', '活动', '类型', '主办单位', '参加人数']),
            model.activities.map((item) =>
              withAlliance([item.day, item.title, item.type, item.host, number(item.attendees)], item.alliance),
            ),
          ),
        ]
      : [body(`${model.period.title}未开展联建活动。`)],
  });
  parts.push({
    title: '重要进展',
    content: model.progress.length
      ? model.progress.map((item, index) =>
          body(
            `${index + 1}. ${many ? `${item.alliance}·` : ''}${item.partner}「${item.title}」（${item.day}，进展 ${item.percent}%）：${item.text}${item.figures ? `（${item.figures}）` : ''}`,
          ),
        )
      : [body(`${model.period.title}无新报送的进展。`)],
  });
  return parts.flatMap((part, index) => [heading(`${numerals[index]}、${part.title}`), ...part.content]);
}

/** The report as a .docx file (a Buffer). */
export async function reportDocx(model: ReportModel): Promise<Buffer> {
  const document = new Document({
    creator: model.issuer,
    title: model.title,
    description: `${model.period.title}（${model.period.firstDay} 至 ${model.period.lastDay}）`,
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26), footer: mm(20) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  run('— ', fonts.page, sizes.page),
                  new TextRun({ children: [PageNumber.CURRENT], size: sizes.page }),
                  run(' —', fonts.page, sizes.page),
                ],
              }),
            ],
          }),
        },
        children: [
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [run('党建联建共建工作简报', fonts.masthead, sizes.masthead, { color: red })],
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { before: 240, after: 120 },
            children: [run(`${model.period.title}`, fonts.body, sizes.body)],
          }),
          new Paragraph({
            children: [run(`${model.issuer}　　　　${chineseDate(model.asOf)}`, fonts.body, sizes.body)],
            alignment: AlignmentType.CENTER,
            border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: red, space: 6 } },
            spacing: { after: 480 },
          }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { after: 240, line: 720, lineRule: LineRuleType.EXACT },
            children: [run(model.title, fonts.title, sizes.title)],
          }),
          body(`（${chineseDate(model.period.firstDay)}至${chineseDate(model.period.lastDay)}）`, {
            indent: false,
            alignment: AlignmentType.CENTER,
          }),
          ...sections(model),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
