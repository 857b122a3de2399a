<?php
/**
 * WordPress's own rendering of raw post content, for the differential test of
 * wpclean's raw renderer (see scripts/wp-diff.py).
 *
 * Loads the real WordPress files of Debian's `wordpress` package (formatting, kses,
 * shortcodes, media, embeds, blocks) without a database and runs the content through the
 * `the_content` filters that shape blocks and paragraphs, in WordPress's order:
 *   8  WP_Embed::run_shortcode ([embed]), WP_Embed::autoembed (URLs alone on a line)
 *   9  do_blocks (removes wpautop for content with blocks; core/shortcode is wpautop'd)
 *  10  wpautop, shortcode_unautop
 *  11  do_shortcode ([caption], [gallery], [audio], [video], [playlist], plugin stand-ins)
 * Left out on purpose: wptexturize (curly quotes), convert_smilies, capital_P_dangit,
 * prepend_attachment, wp_filter_content_tags (srcset/lazy loading from attachment
 * metadata) and wp_replace_insecure_home_url: they change text or attributes, not blocks.
 *
 * Stubs, all for what needs a site or a database: options, the current theme (one with
 * HTML5 captions),
 * posts and attachments (none, so [gallery] renders nothing), oEmbed over the network
 * (no provider answers: WordPress links an [embed] URL and leaves an auto-embed URL as
 * text), the object cache (it holds the options), i18n (identity), and
 * plugin shortcodes: a shortcode tag the input uses the way shortcodes are used (a closing
 * [/name], key=value attributes or a self-closing [name /]) and that core does not
 * register gets a stand-in handler that returns its content, which is what wpclean does
 * with the shortcodes of plugins it cannot run. Each stub is marked STUB below.
 *
 * Usage: php wp-render.php < raw.html             (one post in, its rendering out; exit 1
 *                                                 when WordPress itself fails on it)
 *        php wp-render.php --json < inputs.json   (a JSON array of strings in, of renderings
 *                                                 out; null where WordPress fails)
 *
 * WP_PATH (default /usr/share/wordpress) points at another WordPress tree.
 */

error_reporting(E_ALL & ~E_DEPRECATED & ~E_NOTICE & ~E_WARNING);

define('ABSPATH', rtrim(getenv('WP_PATH') ?: '/usr/share/wordpress', '/') . '/');
define('WPINC', 'wp-includes');
// Normally defined by wp_initial_constants(), which expects a configured site.
define('MINUTE_IN_SECONDS', 60);
define('HOUR_IN_SECONDS', 3600);
define('DAY_IN_SECONDS', 86400);
define('WEEK_IN_SECONDS', 604800);
define('MONTH_IN_SECONDS', 2592000);
define('YEAR_IN_SECONDS', 31536000);

$inc = ABSPATH . WPINC . '/';
foreach (array(
    'load.php', 'functions.php', 'plugin.php', 'formatting.php', 'kses.php', 'shortcodes.php',
    'media.php', 'class-wp-embed.php', 'embed.php',
    'class-wp-block-parser.php', 'blocks.php', 'class-wp-block-type.php',
    'class-wp-block-type-registry.php', 'class-wp-block.php', 'class-wp-block-list.php',
    'class-wp-block-supports.php',
    'blocks/shortcode.php',
) as $file) {
    require_once $inc . $file;
}

// STUB: the site. A few options, an HTML5 theme, no posts, no users, English.
$GLOBALS['wp_stub_options'] = array(
    'home' => 'http://example.org',
    'siteurl' => 'http://example.org',
    'use_balanceTags' => 0,
    'embed_autourls' => 1,
    'blog_charset' => 'UTF-8',
);
// option.php's get_option() asks the `pre_option` filter first: answer there, never the database.
add_filter('pre_option', function ($pre, $name, $default) {
    return $GLOBALS['wp_stub_options'][$name] ?? (false === $default ? '' : $default);
}, 10, 3);
// The theme declares HTML5 markup for captions and galleries, as every default theme since
// Twenty Fourteen does: [caption] renders as <figure>/<figcaption>.
if (!function_exists('current_theme_supports')) { function current_theme_supports($feature, ...$args) {
    return 'html5' === $feature && in_array($args[0] ?? '', array('caption', 'gallery', 'script', 'style'), true);
} }
if (!function_exists('get_post')) { function get_post($post = null, $output = 'OBJECT', $filter = 'raw') { return null; } }
if (!function_exists('get_posts')) { function get_posts($args = null) { return array(); } }
if (!function_exists('get_children')) { function get_children($args = '', $output = 'OBJECT') { return array(); } }
if (!function_exists('get_the_ID')) { function get_the_ID() { return false; } }
if (!function_exists('is_feed')) { function is_feed($feeds = '') { return false; } }
if (!function_exists('is_embed')) { function is_embed() { return false; } }
if (!function_exists('__')) { function __($text, $domain = 'default') { return $text; } }
if (!function_exists('_x')) { function _x($text, $context, $domain = 'default') { return $text; } }
if (!function_exists('_n')) { function _n($single, $plural, $number, $domain = 'default') { return 1 == $number ? $single : $plural; } }
if (!function_exists('esc_html__')) { function esc_html__($text, $domain = 'default') { return esc_html($text); } }
if (!function_exists('esc_attr__')) { function esc_attr__($text, $domain = 'default') { return esc_attr($text); } }
if (!function_exists('is_rtl')) { function is_rtl() { return false; } }
if (!function_exists('get_bloginfo')) { function get_bloginfo($show = '', $filter = 'raw') { return 'charset' === $show ? 'UTF-8' : ''; } }
if (!function_exists('wp_enqueue_style')) { function wp_enqueue_style(...$args) {} }
if (!function_exists('wp_enqueue_script')) { function wp_enqueue_script(...$args) {} }
if (!function_exists('wp_script_is')) { function wp_script_is(...$args) { return true; } }
if (!function_exists('wp_style_is')) { function wp_style_is(...$args) { return true; } }
if (!function_exists('wp_add_inline_style')) { function wp_add_inline_style(...$args) {} }
if (!function_exists('home_url')) { function home_url($path = '', $scheme = null) { return 'http://example.org' . $path; } }
if (!function_exists('site_url')) { function site_url($path = '', $scheme = null) { return 'http://example.org' . $path; } }
if (!function_exists('includes_url')) { function includes_url($path = '', $scheme = null) { return 'http://example.org/wp-includes/' . $path; } }
if (!function_exists('wp_get_attachment_url')) { function wp_get_attachment_url($id = 0) { return false; } }
// The object cache answers for the options that code reads in bulk (wp_load_alloptions()).
if (!function_exists('wp_cache_get')) { function wp_cache_get($key, $group = '', ...$args) {
    return 'alloptions' === $key && 'options' === $group ? $GLOBALS['wp_stub_options'] : false;
} }
if (!function_exists('wp_cache_set')) { function wp_cache_set(...$args) { return true; } }
if (!function_exists('get_post_meta')) { function get_post_meta(...$args) { return ''; } }
if (!function_exists('update_post_meta')) { function update_post_meta(...$args) { return false; } }
if (!function_exists('get_permalink')) { function get_permalink(...$args) { return false; } }
if (!function_exists('wp_attachment_is')) { function wp_attachment_is($type, $post = null) { return false; } }

// The one dynamic block whose rendering is text: core/shortcode (wpautop of its content).
// register_block_type() would read block.json through the filesystem layer; the registry
// is given the render callback of blocks/shortcode.php directly.
WP_Block_Type_Registry::get_instance()->register(
    'core/shortcode',
    array('render_callback' => 'render_block_core_shortcode')
);

$GLOBALS['wp_embed'] = new WP_Embed();
// WordPress's own embed handlers (YouTube embed URLs, audio and video file URLs).
wp_maybe_load_embeds();
// STUB: oEmbed over the network. No provider answers, so every URL without a handler takes
// WordPress's failure path, WP_Embed::maybe_make_link(): a link. A last-priority handler
// takes that path directly (the real one would look for a cached result in the database).
wp_embed_register_handler('offline-oembed', '#^https?://.+#i', function ($matches, $attr, $url) {
    return $GLOBALS['wp_embed']->maybe_make_link($url);
}, PHP_INT_MAX);

/**
 * The `the_content` filters, registered afresh for each post: do_blocks() takes wpautop off
 * for a post with blocks and puts it back afterwards behind shortcode_unautop, which would
 * change how the next post of a batch is rendered.
 */
function wp_render_content_filters() {
    global $wp_embed;
    remove_all_filters('the_content');
    add_filter('the_content', array($wp_embed, 'run_shortcode'), 8);
    add_filter('the_content', array($wp_embed, 'autoembed'), 8);
    add_filter('the_content', 'do_blocks', 9);
    add_filter('the_content', 'wpautop');
    add_filter('the_content', 'shortcode_unautop');
    add_filter('the_content', 'do_shortcode', 11);
}

/** STUB: plugin shortcodes, see the file comment. */
function wp_render_register_plugin_shortcodes($content) {
    global $shortcode_tags;
    $names = array();
    if (preg_match_all('~\[/([\w-]+)\]~', $content, $m)) {
        $names = array_merge($names, $m[1]);
    }
    if (preg_match_all('~\[([\w-]+)(?:\s[^\[\]]*?)?(?:\s[\w-]+\s*=|\s*/\])~', $content, $m)) {
        $names = array_merge($names, $m[1]);
    }
    foreach (array_unique($names) as $name) {
        if (!isset($shortcode_tags[$name])) {
            add_shortcode($name, 'wp_render_plugin_stand_in');
        }
    }
}

function wp_render_plugin_stand_in($atts, $content = null, $tag = '') {
    return null === $content ? '' : do_shortcode($content);
}

function wp_render($content) {
    global $shortcode_tags;
    $core = $shortcode_tags;
    wp_render_register_plugin_shortcodes($content);
    wp_render_content_filters();
    try {
        $out = apply_filters('the_content', $content);
    } catch (Throwable $e) {
        // WordPress itself fails on this input (PHP 8 is strict where PHP 5 was not).
        $out = null;
        fwrite(STDERR, 'wp-render.php: WordPress failed: ' . $e->getMessage() . "\n");
    }
    $shortcode_tags = $core;
    return $out;
}

$input = stream_get_contents(STDIN);
if (in_array('--json', $argv, true)) {
    $items = json_decode($input, true);
    if (!is_array($items)) {
        fwrite(STDERR, "wp-render.php: stdin is not a JSON array of strings\n");
        exit(2);
    }
    $out = array();
    foreach ($items as $i => $item) {
        $out[] = wp_render((string) $item);
    }
    echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE);
} else {
    $out = wp_render($input);
    if (null === $out) {
        exit(1);
    }
    echo $out;
}
