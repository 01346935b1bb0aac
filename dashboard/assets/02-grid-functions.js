/* Value formatters for the AG Grid tables: Czech or English money and numbers.
   Intl is the browser's own; nothing is fetched. */
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

/* digits: the haléře of the money's context (formatting.MONEY_DIGITS), 2 when not given. */
dagfuncs.czk = function (value, lang, digits) {
    if (value === null || value === undefined || value === '') { return '\u2013'; }
    var places = digits === undefined ? 2 : digits;
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'cs-CZ',
        {style: 'currency', currency: 'CZK', minimumFractionDigits: places,
         maximumFractionDigits: places}).format(value);
};

dagfuncs.num = function (value, lang, digits) {
    if (value === null || value === undefined || value === '') { return '\u2013'; }
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'cs-CZ',
        {maximumFractionDigits: digits === undefined ? 2 : digits}).format(value);
};

dagfuncs.pct = function (value, lang) {
    if (value === null || value === undefined || value === '') { return '\u2013'; }
    return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'cs-CZ',
        {style: 'percent', maximumFractionDigits: 0}).format(value);
};

/* Sorting of text columns in the page's language: in Czech, Č Ř Š Ž and Ch are letters of their
   own (Bučovice before Břeclav, Ústí among the U); code-point order would put them last.
   Numbers, dates as ISO text and empty cells keep their usual order. */
var collators = {};
dagfuncs.textCompare = function (a, b, lang) {
    var emptyA = a === null || a === undefined || a === '';
    var emptyB = b === null || b === undefined || b === '';
    if (emptyA || emptyB) { return emptyA === emptyB ? 0 : (emptyA ? -1 : 1); }
    if (typeof a === 'number' && typeof b === 'number') { return a - b; }
    var locale = lang === 'en' ? 'en' : 'cs';
    collators[locale] = collators[locale] || new Intl.Collator(locale, {numeric: true});
    return collators[locale].compare(String(a), String(b));
};
