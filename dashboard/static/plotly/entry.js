// plotly.js for KPSS Monitor: the trace types the pages draw (scatter comes with the core)
// and nothing else. How to rebuild: README.md beside this file.
'use strict';

// The ORP map is a geo choropleth of the shipped boundaries with the base map hidden: no
// land, coast or country outlines are drawn, so none need fetching (plotly.js would ask its
// CDN for world_110m.json): an empty topology stands in for them.
window.PlotlyGeoAssets = window.PlotlyGeoAssets || {topojson: {}};
window.PlotlyGeoAssets.topojson.world_110m = {type: 'Topology', objects: {}, arcs: []};

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
]);

module.exports = Plotly;
