/* A table cell that links to a page of this app. The text is the cell's value as text (React
   escapes it: names loaded from files can hold HTML or Markdown and never become markup);
   the address comes from the row's `href` and must be a local path. */
var dagcomponentfuncs = (window.dashAgGridComponentFunctions = window.dashAgGridComponentFunctions || {});

dagcomponentfuncs.SafeLink = function (props) {
    var text = props.value === null || props.value === undefined ? '' : String(props.value);
    var target = props.data ? props.data.href : null;
    var local = typeof target === 'string' && target.charAt(0) === '/' && target.charAt(1) !== '/'
        && target.indexOf('\\') < 0;
    return local ? React.createElement('a', {href: target}, text) : React.createElement('span', null, text);
};
