import { defineKind } from '@hub/kinds';

/** 高校 / 研究所: the institute responsible and the joint research topic. */
export const kind = defineKind({
  name: 'university',
  label: { zh: '高校/研究所', en: 'University' },
  description: '高校 / 研究所',
  port: 4004,
  color: '#4aa3ff',
  placeField: 'institute',
  fields: {
    institute: {
      type: 'text',
      required: true,
      maxLength: 200,
      label: { zh: '研究所', en: 'Institute' },
      description: 'The institute responsible, e.g. 交通工程研究所',
    },
    researchTopic: {
      type: 'text',
      maxLength: 300,
      label: { zh: '科研攻关方向', en: 'Research topic' },
      description: 'Research topic of the joint work (科研攻关方向)',
    },
  },
});
