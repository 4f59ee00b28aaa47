import { defineKind } from '@hub/kinds';

/** 高速交警 / 高速执法: road sections, 九方六保 guarantees and 四统四联 joint actions. */
export const kind = defineKind({
  name: 'traffic-police',
  label: { zh: '高速交警/执法', en: 'Traffic police' },
  description: '高速交警 / 高速执法 unit',
  port: 4005,
  color: '#c77dff',
  placeField: 'roadSection',
  fields: {
    roadSection: {
      type: 'text',
      required: true,
      maxLength: 200,
      label: { zh: '路段', en: 'Road section' },
      description: 'Road section covered, e.g. G15 宁海段 K1520-K1535',
    },
    guarantees: {
      type: 'choices',
      enumName: 'Guarantee',
      label: { zh: '九方六保', en: 'Guarantees' },
      description: '九方六保 guarantees this item serves',
      values: {
        SAFETY: { zh: '保安全', en: 'Safety' },
        TRAFFIC_FLOW: { zh: '保畅通', en: 'Traffic flow' },
        QUALITY: { zh: '保质量', en: 'Quality' },
        SCHEDULE: { zh: '保进度', en: 'Schedule' },
        REVENUE: { zh: '保营收', en: 'Revenue' },
        CLOSED_LOOP: { zh: '保闭环', en: 'Closed loop' },
      },
    },
    jointActions: {
      type: 'choices',
      enumName: 'JointAction',
      label: { zh: '四统四联', en: 'Joint actions' },
      description: '四统四联 joint actions involved',
      values: {
        STANDARDS_INSPECTION: { zh: '统一标准·联合检查', en: 'Standards · joint inspection' },
        APPROVAL_SUPERVISION: { zh: '统一审批·联合监管', en: 'Approval · joint supervision' },
        COMMAND_RESPONSE: { zh: '统一指挥·联合处置', en: 'Command · joint response' },
        CARRIER_COORDINATION: { zh: '统一载体·联合协同', en: 'Carrier · joint coordination' },
      },
    },
  },
});
