import { defineKind } from '@hub/kinds';

/** 企业 / 项目部: the construction project, its site, 党员先锋岗 and 党员责任区. */
export const kind = defineKind({
  name: 'enterprise',
  label: { zh: '企业/项目部', en: 'Enterprise' },
  description: '企业 / 项目部',
  port: 4002,
  color: '#f5c242',
  placeField: 'project',
  fields: {
    project: {
      type: 'text',
      required: true,
      maxLength: 200,
      label: { zh: '项目', en: 'Project' },
      description: 'The construction project, e.g. 沈海高速宁海段改扩建工程',
    },
    site: { type: 'text', maxLength: 200, label: { zh: '工段', en: 'Site' }, description: 'The site or section (工段)' },
    pioneerPosts: {
      type: 'count',
      required: true,
      max: 10_000,
      label: { zh: '党员先锋岗', en: 'Pioneer posts' },
      description: '党员先锋岗 set up for this item',
    },
    responsibilityZones: {
      type: 'texts',
      maxItems: 100,
      maxLength: 100,
      label: { zh: '党员责任区', en: 'Responsibility zones' },
      description: '党员责任区 covering this item',
    },
  },
});
