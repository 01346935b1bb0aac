/* Charts fit the size they are drawn at, on a phone as on a laptop. After each drawing (and so
   after a resize) of a plotly chart, a title wider than the chart is broken into lines between
   words (plotly never wraps a title; on a phone it was cut off), and the top margin grows by
   the lines added. Nothing else of the figure is changed. (The ORP map fits itself: plotly's
   geo map fills its plot area with the lon/lat ranges dashboard/figures/orp.py gives it.) */
(function () {
    var LINE_PX = 19;  // one more line of a 15 px title

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
        var ours = text === el.dataset.kpssWrapped;
        var original = ours ? el.dataset.kpssTitle : text;
        // the server's top margin: a figure the server sent again brings its own
        var top = ours ? parseFloat(el.dataset.kpssTop) : ((full.margin && full.margin.t) || 50);
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
        el.dataset.kpssTop = String(top);
        return {'title.text': wrapped, 'margin.t': top + LINE_PX * (out.length - 1)};
    }

    function fit(el) {
        var full = el._fullLayout;
        if (!full || !full._size || !window.Plotly) { return; }
        var update = titleLines(el, full);
        if (update) { window.Plotly.relayout(el, update); }
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
