/* Charts fit the size they are drawn at, on a phone as on a laptop. After each drawing (and so
   after a resize) of a plotly chart:
   - a map of ORPs sets its zoom for the plot area's real size. The server's centre and zoom
     assume a 700 px wide map; on a 390 px phone that showed a third of the country. The figure
     carries its features' bounds (layout.meta.fit_bounds); the formula is that of
     dashboard/figures/orp.py map_view (Web Mercator, 512 px tiles);
   - a title wider than the chart is broken into lines between words (plotly never wraps a
     title; on a phone it was cut off), and the top margin grows by the lines added.
   Nothing else of the figure is changed. */
(function () {
    var LINE_PX = 19;  // one more line of a 15 px title

    function mercatorY(lat) {
        return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360));
    }

    function mapZoom(el, full) {
        var meta = el.layout && el.layout.meta;
        var bounds = meta && meta.fit_bounds;
        if (!bounds || !el.layout.map) { return null; }
        var spanX = Math.max(bounds[2] - bounds[0], 1e-6) / 360;
        var spanY = Math.max(mercatorY(bounds[3]) - mercatorY(bounds[1]), 1e-6) / (2 * Math.PI);
        var zoom = Math.min(Math.log2(full._size.w / 512 / spanX),
                            Math.log2(full._size.h / 512 / spanY)) - 0.2;
        zoom = Math.round(Math.min(zoom, 11) * 100) / 100;
        var center = {lon: (bounds[0] + bounds[2]) / 2, lat: (bounds[1] + bounds[3]) / 2};
        if (Math.abs((el.layout.map.zoom || 0) - zoom) >= 0.05) {
            return {'map.zoom': zoom, 'map.center': center};
        }
        // the figure already says so, but the map's canvas keeps the size it was created at
        // (Dash draws a graph before the page has its final width): resize it and look again
        var map = full.map._subplot && full.map._subplot.map;
        if (map && !el.dataset.kpssResized) {
            el.dataset.kpssResized = '1';
            whenReady(full, function () { map.resize(); map.jumpTo({center: center, zoom: zoom}); });
        }
        return null;
    }

    var canvas = document.createElement('canvas').getContext('2d');

    function textWidth(text, font) {
        canvas.font = (font.size || 15) + 'px ' + (font.family || 'sans-serif');
        return canvas.measureText(text.replace(/<[^>]*>/g, '')).width;
    }

    function titleLines(el, full) {
        var title = el.layout && el.layout.title;
        var text = title && (typeof title === 'string' ? title : title.text);
        if (!text) { return null; }
        // the text as the server wrote it: a title this script wrapped is unwrapped first
        var original = text === el.dataset.kpssWrapped ? el.dataset.kpssTitle : text;
        if (original.indexOf('<br>') >= 0) { return null; }  // the server chose its lines
        var room = full.width - 24;
        var width = textWidth(original, (full.title && full.title.font) || {});
        var lines = Math.max(1, Math.ceil(width / room));
        var perLine = Math.ceil(original.length / lines);
        var out = [], line = '';
        original.split(' ').forEach(function (word) {
            if (line && (line + ' ' + word).length > perLine) { out.push(line); line = word; }
            else { line = line ? line + ' ' + word : word; }
        });
        out.push(line);
        var wrapped = out.join('<br>');
        if (wrapped === text) { return null; }
        el.dataset.kpssTitle = original;
        el.dataset.kpssWrapped = wrapped;
        var top = parseFloat(el.dataset.kpssTop || ((full.margin && full.margin.t) || 50));
        el.dataset.kpssTop = String(top);
        return {'title.text': wrapped, 'margin.t': top + LINE_PX * (out.length - 1)};
    }

    function fit(el) {
        var full = el._fullLayout;
        if (!full || !full._size || !window.Plotly) { return; }
        var update = Object.assign({}, mapZoom(el, full) || {}, titleLines(el, full) || {});
        if (Object.keys(update).length) { whenReady(full, function () { window.Plotly.relayout(el, update); }); }
    }

    // A map relaid out before its style has loaded throws inside plotly: wait for it.
    function whenReady(full, then) {
        var map = full.map && full.map._subplot && full.map._subplot.map;
        if (!full.map || (map && map.loaded())) { then(); } else if (map) { map.once('idle', then); }
    }

    function hook(el) {
        if (el.dataset.kpssFit || typeof el.on !== 'function') { return; }
        el.dataset.kpssFit = '1';
        el.on('plotly_afterplot', function () { fit(el); });
        fit(el);
    }

    new MutationObserver(function () {
        document.querySelectorAll('.js-plotly-plot').forEach(hook);
    }).observe(document.documentElement, {childList: true, subtree: true});
})();
