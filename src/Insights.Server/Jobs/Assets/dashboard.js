// Platform Insights' additions to the jobs dashboard, appended to Hangfire's own script bundle: they run
// after moment.js and Chart.js are loaded and before Hangfire's page starts (on DOM ready).
(function (moment, Chart) {
    // Dates and times as ISO 8601 (2026-09-07 14:05:00), like the rest of the product, whatever the server's
    // or the browser's language. Hangfire formats them with moment ('l LTS' for times, 'llll' for tooltips)
    // in the locale named by <html lang>: give that locale ISO formats.
    if (moment) {
        var locale = moment.locale(document.documentElement.lang);
        moment.updateLocale(locale, {
            longDateFormat: {
                LT: 'HH:mm', LTS: 'HH:mm:ss',
                L: 'YYYY-MM-DD', LL: 'YYYY-MM-DD', LLL: 'YYYY-MM-DD HH:mm', LLLL: 'YYYY-MM-DD HH:mm:ss',
                l: 'YYYY-MM-DD', ll: 'YYYY-MM-DD', lll: 'YYYY-MM-DD HH:mm', llll: 'YYYY-MM-DD HH:mm:ss'
            }
        });
    }

    // Chart.js would inject its stylesheet as an inline <style> element, which the dashboard's
    // Content-Security-Policy refuses; Hangfire's stylesheet bundle already holds Chart.min.css.
    if (Chart && Chart.platform) {
        Chart.platform.disableCSSInjection = true;
    }
})(window.moment, window.Chart);
