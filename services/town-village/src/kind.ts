import { defineKind } from '@hub/kinds';

/** 镇村 / 社区 / 征迁指挥部: the village served, households and land-acquisition tasks. */
export const kind = defineKind({
  name: 'town-village',
  label: { zh: '镇村/社区', en: 'Town / village' },
  description: '镇村 / 社区 / 征迁指挥部',
  port: 4003,
  color: '#3fbf7f',
  placeField: 'village',
  fields: {
    village: {
      type: 'text',
      required: true,
      maxLength: 200,
      label: { zh: '村 / 社区', en: 'Village' },
      description: 'The village or community served (村 / 社区)',
    },
    householdsServed: {
      type: 'count',
      max: 1_000_000,
      label: { zh: '服务户数', en: 'Households served' },
      description: 'Households served (服务户数)',
    },
    landAcquisitionTasks: {
      type: 'texts',
      maxItems: 50,
      maxLength: 200,
      label: { zh: '征迁任务', en: 'Land-acquisition tasks' },
      description: 'Land-acquisition tasks (征迁任务): land, graves, pipelines…',
    },
  },
});
