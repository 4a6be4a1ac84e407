"""The vocabulary of chrome, kept apart from the mechanics that use it.

Class/id token groups are matched on word boundaries of the node's ``class``
and ``id`` (camelCase split, lower-cased), so ``share`` matches
``post-share-bar`` and ``shareButtons`` but not ``sharepoint-doc``... only
when the boundary is a non-alphanumeric character.  Phrase groups are
anchored, case-insensitive regular expressions that must match the whole
text of a short element; each language is a line of its own so that adding
one is a one-line change.
"""

from __future__ import annotations

def _compounds(heads: tuple[str, ...], tails: tuple[str, ...]) -> tuple[str, ...]:
    """Every ``head-tail`` and ``headtail`` token: a picture word then a word for what describes it
    (``image-source``, ``imgdescription``, ``bilduntertitel``) names the text under a picture."""
    return tuple(t for h in heads for x in tails for t in (f"{h}-{x}", f"{h}{x}"))


# -- class / id token groups ----------------------------------------------------------------------
NAVIGATION = ("nav", "navbar", "navigation", "menu", "menubar", "mainmenu", "main-menu", "megamenu",
              "breadcrumb", "breadcrumbs", "skip-link", "skip-links", "skiplink", "skip-to-content",
              "pagination", "pager", "site-header", "masthead", "site-footer", "footer", "global-header",
              "global-footer", "topbar", "top-bar", "toolbar",
              "mobile-menu", "hamburger", "header-nav", "subnav", "sub-nav", "dropdown-menu", "lang-switcher",
              "language-switcher", "search-form", "searchform", "site-search", "utility-bar")
# "widget" alone is not here: page builders (Elementor, SiteOrigin) put it on every block.
SIDEBAR = ("sidebar", "side-bar", "widget-area", "sidebar-widget", "widgets-area", "right-rail", "left-rail",
           "sidebar-right", "sidebar-left", "secondary", "aside")
COMMENTS = ("comments", "comment-list", "commentlist", "comment-respond", "respond", "reply-form",
            "comment-form", "commentform", "comments-area", "comments-section", "disqus", "disqus-thread",
            "fb-comments", "comentarios", "kommentare", "commentaires", "commenti", "komentarze",
            "comment-section", "discussion", "reactions", "replies", "comment-box", "commentbox", "comment-wrapper",
            "comment-container", "comment-area")
SHARE = ("share", "shares", "sharing", "social", "socials", "social-links", "social-icons", "sociallinks",
         "share-bar", "sharebar", "sharethis", "addthis", "addtoany", "a2a", "shariff", "sharedaddy",
         "share-buttons", "social-share", "socialshare", "social-media", "follow-us", "heateor", "essb",
         "jp-sharing", "teilen", "partager", "compartir", "condividi", "udostepnij")
RELATED = ("related", "related-posts", "relatedposts", "related-articles", "related-content", "recommended",
           "recommendations", "recommendation", "more-stories", "more-articles", "also-read", "read-also",
           "you-may-like", "you-might-like", "yarpp", "jp-relatedposts", "crp-list", "outbrain", "taboola",
           "post-navigation", "nav-links", "next-post", "prev-post", "previous-post", "most-popular",
           "popular-posts", "trending", "more-from", "read-next", "readnext", "further-reading",
           "similar-posts", "zum-thema", "weitere-artikel", "articles-lies", "relacionados", "correlati",
           "powiazane")
# Cards linking to other stories (German and other CMSs call them "teasers"); one alone is a story's lead.
TEASERS = ("teaser", "teasers", "teaser-list", "teaser-item", "teaserlist")
NEWSLETTER = ("newsletter", "newsletters", "subscribe", "subscription", "signup", "sign-up", "mailchimp",
              "mc4wp", "optin", "opt-in", "email-capture", "lead-gen", "leadgen", "paywall", "regwall",
              "inline-signup",
              # appeals for donations or paid membership, in the story or under it
              "donate", "donation", "donations", "spenden", "spende", "steady")
COOKIES = ("cookie", "cookies", "cookie-banner", "cookie-notice", "cookie-consent", "consent", "gdpr", "cmp-banner",
           "cc-banner", "cc-window", "privacy-banner", "cookiebanner", "cookiebar", "cookienotice", "cookieconsent",
           "cookielaw")
# Consent-management platforms and plugins by name, used on many unrelated sites.  Their widgets are
# never a page's content, however long: a preference centre lists hundreds of vendors and purposes.
CONSENT_MANAGERS = ("onetrust", "didomi", "cookiebot", "usercentrics", "truste", "qc-cmp", "qc-cmp2", "sp-message",
                    "cmplz", "complianz", "borlabs", "iubenda", "termly", "klaro", "tarteaucitron", "cookieyes",
                    "cky-consent", "cybot-cookiebot")
ADS = ("ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adsbygoogle", "ad-slot",
       "adslot", "ad-container", "ad-wrapper", "sponsored", "sponsor", "promo", "promoted", "dfp", "gpt-ad",
       "google-ad", "banner-ad", "werbung", "anzeige", "publicite", "publicidad", "pubblicita", "reklama",
       "native-ad", "affiliate")
# A story's note that it carries paid links or advertising ("this post contains affiliate links").
# Only used on pages that declare a story: on a service or product page the disclaimer (rates, fees,
# terms) is part of what the page says.
DISCLOSURES = ("disclosure", "disclosures", "disclaimer", "affiliate-disclosure", "ad-disclosure",
               "editorial-disclosure")
AUTHOR_BIO = ("author-bio", "authorbio", "about-author", "about-the-author", "author-box", "authorbox",
              "author-info", "author-card", "author-details", "abh-box", "saboxplugin", "author-profile",
              "post-author", "entry-author", "byline-bio",
              # "bio" with a person's word: "bio" alone is German and French for organic ("Bio Bohnen")
              "profile-bio", "contributor-bio", "user-bio", "writer-bio", "staff-bio", "member-bio", "bio-box",
              "bio-boxes", "author-bios")
# A node named for the author alone: a story's byline or the writer's box, never the story.  (On a list,
# each item's authors are the list's content: see the author-names step.)
AUTHOR_NAMES = ("author", "authors", "autor", "autoren", "autorin", "auteur", "autore", "autorenbox", "autorbox")
# Customer reviews on a product page: what buyers say of the item, not the shop's description of it
# (the product page's comment section).  Only used on pages that declare a product: on a story,
# "review" is the article itself.  Review-widget vendors by name are used on many unrelated shops.
REVIEWS = ("reviews", "customer-reviews", "product-reviews", "review-list", "reviews-list", "review-widget",
           "yotpo", "okendo", "judgeme", "jdgm", "stamped-reviews", "loox", "bazaarvoice", "powerreviews",
           "feefo", "reevoo", "trustspot", "bewertungen", "kundenbewertungen", "rezensionen", "avis-clients",
           "opiniones", "recensioni", "opinie", "avaliacoes")
# Notices around buying the item on a product page: wish-list buttons, delivery and returns terms,
# pay-later offers.  Only used on product pages.  Not "shipping" or "delivery" alone (WooCommerce marks
# every item ``shipping-taxable``), nor the cart button, stock line or variant swatches: references keep
# those often enough, and on a category page a ``cartButton`` class marks each item's card.
PURCHASE = ("wishlist", "wish-list", "shipping-returns", "shipping-and-returns", "returns-and-shipping",
            "delivery-returns", "delivery-and-returns", "delivery-message", "delivery-date", "delivery-options",
            "delivery-option", "afterpay", "klarna", "affirm", "sezzle", "installments", "payment-options")
# The box that sells the item on a product page (price, quantity, "Add to cart"): a page with one is
# about a thing for sale even when it declares no schema.org type.  Not "add-to-cart": shops put a cart
# button in the header or a cart drawer of every page, stories and category pages included.
BUY_BOX = ("buybox", "buy-box", "buy-box-container", "product-buy-box", "buybox-container")
# The root elements consent-management platforms inject, by their fixed ids: a preference centre
# lists every cookie purpose and partner and can outweigh the page (thousands of characters), so these
# go whatever their size, unlike a class match on "cookie" (which can be a story about cookies).
CONSENT_ROOTS = ("#onetrust-consent-sdk", "#onetrust-pc-sdk", "#CybotCookiebotDialog", "#cmplz-cookiebanner-container",
                 "#BorlabsCookieBox", "#BorlabsCookieBoxWrap", "#cookie-law-info-bar", "#moove_gdpr_cookie_modal",
                 "#moove_gdpr_cookie_info_bar", "#qc-cmp2-container", "#didomi-host", "#usercentrics-root",
                 "#iubenda-cs-banner", "#cookie-information-template-wrapper", "#cmpbox", "#cmpbox2",
                 "#consent_blackbar")
# Overlays drawn over the page on demand: modals, pop-ups, lightboxes, off-canvas drawers.
OVERLAYS = ("modal", "modals", "popup", "popups", "pop-up", "lightbox", "overlay", "small-dialog", "modal-dialog")
# Per-post chrome of forums and Q&A sites: the poster's card, signature, vote counts and post buttons.
POST_META = ("signature", "post-signature", "postsignature", "user-signature", "usersig", "postprofile", "post-profile",
             "profile-icons", "post-buttons", "postbuttons", "post-menu", "post-actions", "user-info", "userinfo",
             "user-details", "user-card", "usercard", "member-info", "vote", "votes", "vote-count", "votecell",
             "voting", "reputation", "rep-score", "badges", "post-footer-actions",
             # the poster's statistics and rank beside each post (joined, posts, points, location, title), in
             # the class names of the common forum engines (XenForo, Invision, vBulletin, phpBB)
             "user-extras", "userextras", "extra-user-info", "userinfo-extra", "user-stats", "userstats",
             "author-stats", "authorstats", "author-fields", "author-pane-info", "poster-stats", "member-stats",
             "profile-posts", "profile-joined", "user-title", "usertitle", "user-banner", "userbanner",
             "user-rank", "member-title")
TAG_LISTS = ("tags", "tag-list", "taglist", "post-tags", "entry-tags", "tagcloud", "tag-cloud", "tags-links",
             "cat-links", "post-categories", "entry-categories", "article-tags", "schlagworte",
             "etiquetas", "tag-links")
BACK_TO_TOP = ("back-to-top", "backtotop", "back-top", "scroll-top", "scrolltop", "scroll-to-top", "to-top",
               "totop", "go-top", "gotop", "return-to-top")
META = ("post-meta", "entry-meta", "article-meta", "meta-info", "byline", "bylines", "dateline", "post-date",
        "entry-date", "published-date", "timestamp", "reading-time", "read-time", "print-link",
        "font-size", "text-size",
        # the line under a blog post that says when and where it was filed (WordPress themes)
        "entry-utility", "postmetadata", "post-metadata")
CAPTIONS = ("caption", "captions", "wp-caption-text", "image-caption", "img-caption", "photo-caption",
            "figure-caption", "credit", "credits", "photo-credit", "image-credit", "copyright", "bildunterschrift",
            "bildnachweis", "legende", "legend", "didascalia", "pie-de-foto", "podpis",
            *_compounds(("image", "img", "photo", "foto", "picture", "pic", "bild"),
                        ("caption", "credit", "credits", "source", "author", "subtitle", "description", "desc",
                         "metadata", "copyright", "legend", "untertitel", "unterschrift", "quelle", "nachweis")))
# Accordion and tab panels: hidden until a click, but the page's own text (the hidden step spares them).
PANELS = ("accordion", "collapse", "collapsible", "collapsed", "expandable", "tabpanel",
          # an FAQ's answer, shown when its question is clicked
          "faq-answer", "answer", "antwort", "respuesta", "reponse", "risposta", "resposta", "odpowiedz")
# Whole class names of elements a stylesheet hides.  Webflow's form status messages ("Thank you! Your
# submission has been received!", "Oops! Something went wrong...") are display:none in its own CSS until
# a form is sent, on every Webflow site.  Gravity Forms (WordPress) hides a form's admin-only fields with
# gfield_visibility_hidden and their "This field is hidden when viewing the form" note with admin-hidden-markup.
HIDDEN_CLASSES = ("hidden", "d-none", "sr-only", "visually-hidden", "screen-reader-text", "screenreader",
                  "invisible", "visuallyhidden", "element-invisible", "offscreen", "w-form-done", "w-form-fail", "hide",
                  "gfield_visibility_hidden", "admin-hidden-markup")
# Hosts of social networks: a link to one is a share or follow button or an embedded post's "View this
# post on Instagram", never a source a story cites (prune-chrome's external-links test).
SOCIAL_HOSTS = ("facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "linkedin.com", "pinterest.com",
                "tiktok.com", "youtube.com", "youtu.be", "t.me", "telegram.me", "whatsapp.com", "wa.me", "vk.com",
                "threads.net", "bsky.app", "snapchat.com", "tumblr.com", "flipboard.com", "xing.com")
# The element a page marks as one post (hAtom's ``hentry``, which WordPress's post_class() sets): its
# other classes name its categories, tags and custom taxonomies' terms (``internet-estallido-comentarios``),
# which can be any word, not its role.  Like CONTENT, never removed by a token group.
ENTRY = ("hentry",)
# Tokens that mark the article body itself: a node carrying one is never removed by a token group.
CONTENT = ("article-body", "articlebody", "article-content", "entry-content", "post-content", "post-body",
           "story-body", "storybody", "main-content", "maincontent", "content-body", "article-text",
           "articletext", "post-entry", "entry-body", "story-content", "rich-text", "richtext", "prose",
           "body-text", "bodytext", "td-post-content", "single-content", "blog-post-content", "markdown-body",
           "article__body", "article-main")
# Boxes set beside or inside a story: fact boxes, "more information" panels, press contacts.
ASIDES = ("factbox", "fact-box", "faktenbox", "infobox", "info-box", "infokasten", "kasten", "inline-textbox",
          "contact", "contacts", "kontakt", "ansprechpartner", "contact-box", "press-contact")
# Class prefixes WordPress and others put on the article element from its tags and categories:
# "tag-social-media" says nothing about the node itself, and "non-paywall" says the opposite of its
# word.  Utility classes (Tailwind, Bootstrap) name a colour or a style, not a role: "text-secondary"
# is grey text, not the #secondary sidebar.
IGNORED_CLASS_PREFIXES = ("tag-", "category-", "categories-", "post_tag-", "format-", "topic-", "section-",
                          "type-", "status-", "has-", "is-", "with-", "no-", "non-", "not-", "page-template-",
                          "postid-", "text-", "bg-", "border-", "fill-", "stroke-", "ring-", "shadow-",
                          "outline-", "decoration-", "divide-", "placeholder-", "accent-", "caret-", "from-",
                          "via-")

# -- phrase groups: whole text of a short element, case-insensitive --------------------------------
PHRASES: dict[str, tuple[str, ...]] = {
    "comments": (
        r"leave a (reply|comment)|post a comment|add a comment|(\d+ )?comments?( \(\d+\))?|join the discussion"
        r"|your email address will not be published\.?( required fields are marked \*?)?"
        r"|required fields are marked \*?|cancel reply|be the first to comment|what do you think\??"
        r"|show comments|view comments|load comments|write a comment|no comments yet\.?",
        r"(einen )?kommentare? (hinterlassen|schreiben|abgeben)|kommentare?( \(\d+\))?"
        r"|deine e-mail-adresse wird nicht veröffentlicht\.?.*|schreibe einen kommentar|antworten abbrechen",
        r"laisser un commentaire|(\d+ )?commentaires?|votre adresse e-mail ne sera pas publiée\.?.*"
        r"|ajouter un commentaire|réagir",
        r"deja un comentario|(\d+ )?comentarios?|tu dirección de correo electrónico no será publicada\.?.*"
        r"|deja una respuesta",
        r"lascia un commento|(\d+ )?commenti|il tuo indirizzo email non sarà pubblicato\.?.*",
        r"deixe um comentário|deixe uma resposta|(\d+ )?comentários?"
        r"|o seu endereço de e-mail não será publicado\.?.*|seu e-mail não será publicado\.?.*",
        r"(dodaj |napisz )?komentarz(e|y)?( \(\d+\))?|twój adres e-mail nie zostanie opublikowany\.?.*"
        r"|zostaw komentarz|skomentuj",
        r"comments are closed\.?|you must be logged in to post a comment\.?|commentaires fermés"
        r"|les commentaires sont fermés\.?|kommentare (sind )?geschlossen\.?|(bisher|noch) keine kommentare\.?"
        r"|kommentieren|diskutieren sie mit( uns)?!?"
        r"|sie müssen (sich )?(einloggen|anmelden|eingeloggt sein|angemeldet sein),? um .{1,80}"
        r"|sie sind (aktuell |derzeit )?nicht (eingeloggt|angemeldet)\.?|you are not logged in\.?",
    ),
    "related": (
        r"related (articles?|posts?|stories|news|content|reading|coverage|questions|threads|topics|discussions)"
        r"|similar (threads|questions|topics|discussions)|explore related questions|you (may|might) also (like|enjoy)"
        r"|recommended( for you| articles| stories| reading)?|more (stories|articles|news|from .{1,40})"
        r"|read (more|next|also)|see also|also read|popular (posts|articles|stories)|most (read|popular|viewed)"
        r"|trending( now)?|further reading|don'?t miss|editor'?s picks|latest (news|posts|articles)",
        r"(das könnte sie|sie könnten) auch interessieren!?|(ähnliche|verwandte|weitere) (artikel|beiträge|themen)"
        r"|weitere (artikel|beiträge) (aus|zu|zum|zur|von|der|des|dieser|dieses) .{1,40}|weiterführende (links?|artikel)"
        r"|mehr zum thema|zum thema|lesen sie auch|auch interessant|meistgelesen|empfohlene artikel",
        r"(articles?|à lire) (similaires|aussi|également)|à lire aussi|lire aussi|sur le même sujet"
        r"|vous aimerez aussi|les plus lus",
        r"(artículos|noticias) relacionad[oa]s|te puede interesar|también te puede interesar|le(e|a) también"
        r"|lo más leído|más noticias",
        r"articoli correlati|potrebbe interessarti|leggi anche|ti potrebbe interessare|i più letti",
        r"(artigos|notícias|posts) relacionad[oa]s|leia também|veja também|você também pode gostar|mais lidas",
        r"(podobne|powiązane) (artykuły|wpisy)|czytaj (też|także|również)|zobacz (też|także|również)"
        r"|najczęściej czytane",
        r"(neueste|aktuelle|weitere) (artikel|beiträge|nachrichten|meldungen|news)|empfehlungen (aus )?der redaktion"
        r"|zum weiterlesen|top[- ]themen( der redaktion)?|(das|dies|das thema) könnte dich (auch )?interessieren!?"
        r"|schon gelesen\??|sie könnten auch an folgenden artikeln interessiert sein"
        r"|more on this (topic|story)|you may also be interested in",
    ),
    # Carousels of other items on a product page, by their headings (only used on pages that declare a
    # product: see cleaners/product.py).  Not "featured products": a shop's category page lists its own.
    "product-related": (
        r"(customers|people|shoppers|guests|buyers|others( like you)?)( who (viewed|bought|purchased|shopped)"
        r"( this( item| product)?)?)? also (viewed|bought|purchased|liked|shopped|considered|searched( for)?)"
        r"|(frequently|often) bought together|bought together|(similar|related|recommended|suggested|matching)"
        r" (items|products)( for you)?|shop similar( items| products)?|explore (related|similar|more) (items|products)"
        r"|(sponsored )?products related to this item|compare (with )?similar (items|products)"
        r"|seller'?s other items|(more|other) items from (this|the) seller|more from this (seller|shop|store)"
        r"|recently viewed( items| products)?|your browsing history|(complete|get|shop) the look"
        r"|you (may|might) also (need|want)",
        r"kunden (kauften|kaufen|haben|sahen) auch.{0,40}|(ähnliche|passende|empfohlene) (artikel|produkte)"
        r"|(wird )?(oft|häufig) zusammen gekauft|zuletzt angesehen(e (artikel|produkte))?"
        r"|das könnte (dir|ihnen) auch gefallen",
        r"(produits|articles) (similaires|associés|recommandés)|(fréquemment|souvent) achetés ensemble"
        r"|les clients ont (aussi|également) (acheté|consulté)|(récemment consultés|vus récemment)",
        r"productos (relacionados|similares|recomendados)|(comprados juntos|se compran juntos)( habitualmente)?"
        r"|vistos recientemente|prodotti (correlati|simili|consigliati)|spesso comprati insieme|visti di recente"
        r"|produtos (relacionados|similares|recomendados)|comprados juntos( com frequência)?|vistos recentemente"
        r"|(podobne|powiązane|polecane) produkty|produkty (podobne|powiązane|polecane)|ostatnio oglądane",
    ),
    "feedback": (
        r"(war|ist) (der|dieser|die|diese) (artikel|beitrag|seite|information) (hilfreich|nützlich)\??"
        r"|wie bewerten sie diesen (artikel|beitrag)\??|\(?noch keine bewertungen\)?"
        r"|was this (article|page|post|answer) (helpful|useful)\??|rate this (article|post|recipe)"
        r"|rezept drucken|print recipe",
        r"zurück zur (übersicht|liste|listenansicht|startseite|newsübersicht)|back to (the )?(overview|list|all news)"
        r"|retour à la liste",
    ),
    "share": (
        r"share( this( article| post| story)?)?( on .{1,20})?:?|share via|tweet|pin it|email this|print( this)?",
        r"(artikel )?teilen:?|diesen artikel teilen|partager( cet article)?:?|compartir( en .{1,20})?:?"
        r"|condividi:?|compartilhe:?|compartilhar:?|udostępnij:?|podziel się:?"
        r"|(möchten sie )?(den|diesen) (artikel|beitrag) teilen\??|be sociable,? share!?",
    ),
    "newsletter": (
        r"(sign up|subscribe)( (to|for) (our|the) (newsletter|updates).*)?|subscribe now|join our newsletter"
        r"|get (our|the) newsletter|newsletter",
        r"newsletter (abonnieren|bestellen)|jetzt abonnieren|abonnez-vous( à (notre|la) newsletter)?"
        r"|suscríbete( a (nuestro|la) newsletter)?|iscriviti( alla newsletter)?|assine (a|nossa) newsletter"
        r"|zapisz się( do newslettera)?",
    ),
    "byline": (
        r"follow( us)?|following|published in|\d+ min(ute)?s? read|min read|listen( to this article)?"
        r"|\d+ min(\.|uten)? lesezeit|lesezeit:? \d+ min(\.|uten)?|temps de lecture:? \d+ min|\d+ min de lecture"
        r"|tiempo de lectura:? \d+ min|\d+ min de lectura|\d+ min(uti)? di lettura|\d+ min de leitura"
        r"|\d+ min(\.|ut)? czytania|\d+ (likes?|replies|reply|views?|votes?|shares?)",
    ),
    # A pager's link, a teaser's "read on" or a panel's toggle ("Weiter »", "‹ Previous", "Lire la suite",
    # "Quellen ausblenden"): where to go next, not text.  Whole-text matches only, removed alone (see
    # cleaners: pager-phrases).  Not "View all", "Buy now" or "Continue reading": measured, references
    # keep those often enough on product, service and listing pages, and removing them reshapes cards.
    "pager": (
        r"[«‹<←\s]*(previous|prev|next)( (page|post|article|story|entry|image|slide|photo))?[»›>→\s]*"
        r"|(older|newer) (posts|entries|articles)|show less|download( as)? pdf",
        r"[«‹<←\s]*(weiter|vorherige[nrs]?|nächste[nrs]?|zurück)( (seite|artikel|beitrag|bild|eintrag|foto))?"
        r"[»›>→\s]*|weiterlesen|mehr lesen"
        r"|zurück zu(m|r)? (übersicht|lexikon|glossar|liste|startseite|blog|archiv|suche|newsübersicht|shop)"
        r"|(quellen|bild|bilder|details|text) (anzeigen|ausblenden|einblenden)|weniger anzeigen"
        r"|(dieses? \w+ )?(als )?pdf (herunterladen|downloaden)",
        r"[«‹<←\s]*(précédente?|suivante?|article (précédent|suivant))[»›>→\s]*|lire la suite",
        r"[«‹<←\s]*(anterior|siguiente|próxim[oa]|precedente|successivo|poprzedni[a]?|następn[ya])[»›>→\s]*"
        r"|leer más|seguir leyendo|leia mais|continue lendo|leggi (tutto|di più)|continua a leggere"
        r"|czytaj (więcej|dalej)",
    ),
    # The heading of a placeholder a consent setting leaves where an embedded post or video would be
    # ("Externer Inhalt: ... stimme bitte zu"): the box it heads goes with it where it is chrome-like.
    "embeds": (
        r"externer inhalt|empfohlener (redaktioneller |externer )?inhalt|external content|contenu externe"
        r"|contenido externo|contenuto esterno|treść zewnętrzna",
    ),
    "back-to-top": (
        r"(back|go|scroll|return) to top( button)?|top ↑|↑ top|\^ top",
        r"nach oben|zurück nach oben|retour en haut( de (la )?page)?|haut de page|volver arriba|ir arriba"
        r"|torna su|torna all'inizio|voltar ao topo|do góry|na górę",
    ),
}
# Lines of a forum's post template, matched on an element's whole text (case-insensitive) and removed
# only when the same kind of line repeats beside several posts (see cleaners/posts.py).
# The poster's statistics are "label: value" lines ("Join Date: Aug 2008") or counts ("29,553 posts");
# the value can sit in a child element (``<div>Posts: <b>1,077</b></div>``).
POST_STAT_LABELS: tuple[str, ...] = (
    r"join(ed)?( date)?|registered( on| since)?|member since|posts|messages|reaction score|points|reputation"
    r"|likes( received)?|location|from|trophies|karma|solutions|programs",
    r"registriert( seit)?|mitglied seit|beiträge|wohnort|inscrit( le)?|inscription|localisation|registrado"
    r"|mensajes|ubicación|iscritto|messaggi|località|dołączył|posty|lokalizacja|mensagens|localização",
)
POST_STAT_COUNT = r"\d[\d.,]*k?\s+(posts|messages|beiträge|mensajes|messaggi|mensagens|posty)"
# The post's buttons and the poster's presence; not a bare "#7", as articles number their ranked items
# and link issues that way.
POST_BUTTONS: tuple[str, ...] = (
    r"reply( with quote)?|quote|multi-?quote|report( (this )?post| abuse| inappropriate content)?|original poster"
    r"|click to expand\.*|click to shrink\.*|post #?\d{1,5}( of \d{1,5})?|permalink|online|offline",
    r"antworten|zitieren|zitat|melden|beitrag melden|répondre|citer|signaler|responder|citar|reportar"
    r"|rispondi|cita|segnala|odpowiedz|cytuj|zgłoś|denunciar",
)
# Syndication / source lines moved out of the body into ``Article.source``.
SOURCE_LINE = (r"(source|quelle|fuente|fonte|źródło|bron|källa|kilde|lähde|sursa|zdroj)\s*:\s*(?P<src>.{2,120})")
# A picture's credit line ("Foto: dpa", "(Photo: Getty)", "Photograph by X"), matched anywhere in a short block: it
# names who took a picture, not what the story says.  This pattern and the line patterns below are lowercase and
# matched on lowercased text (see cleaners/syndication.py: line_blocks).
CREDIT_LINE = (r"(^|[(\[|])\s*(fotos?|photos?|bild(er)?|bildquelle|credits?|cr[ée]ditos?|image|picture|photograph"
               r"|titelbild|beitragsbild|headerbild|zdj[eę]cie|fot\.|illustration|grafik|abbildung)\s*(by|von|de|:|©)")
# A label or note that says the text beside it is paid for: an advertising label ("Anzeige", "- Advertisement -")
# or an affiliate disclosure ("This post may contain affiliate links"), matched in a short block.
AD_LABEL = (r"^\W*(werbung|anzeige|advertisement|advertorial|sponsored( content| post)?|publicidad|publicité"
            r"|reklama|pubblicità)\b"
            r"|\b(enthält|enthalten) (werbung|affiliate[- ]links|werbelinks)|\b(contains|may contain) affiliate links"
            r"|\baffiliate links?\b.{0,40}\b(provision|commission)")
# Words at least one of which every match of AD_LABEL not anchored at the start contains: a block without
# them is tested from its start only (a search for those alternatives at every position costs 30 times more).
AD_LABEL_NEEDLES = ("affiliate", "enthält", "enthalten")
# A publisher's pitch to its reader (subscribe, follow us, get the app, join the channel, write to the
# editor), matched in a short block at either end of a story (see cleaners/story.py: story-pitches).
# Not "follow him/her on ...": that ends an author's note, which some readers keep as the story's.
PITCH = (r"\b(subscribe (now|today|to)|already a subscriber|follow (us|(?!him\b|her\b|them\b)\w+( \w+)?) on "
         r"(twitter|facebook|instagram|x|tiktok|linkedin)|download (the|our) .{0,30}app"
         r"|(únete a|suscríbete a|abonniere|folge) (nuestro|nuestra|unseren?|uns) "
         r"|canal de (telegram|youtube|whatsapp)|(telegram|whatsapp)[- ]kanal|sign up (for|to) (our|the)"
         r"|newsletter (abonnieren|bestellen)|zum newsletter|jetzt (registrieren|abonnieren|anmelden)"
         r"|zapraszamy (też )?do subskrypcji|lust auf mehr|gefällt (dir|ihnen) unser|support (us|our journalism)"
         r"|letter to the editor|want to hear what you think|get the latest (news|stories|headlines|updates)"
         r"|(findest du|finden sie) (hier|unter))")
# A copyright notice ("© 2022 X", "Copyright 2019", "All rights reserved", in several languages) or a
# publisher's disclaimer of its contributors' views, matched in a short block: the publisher's claim on the
# text or its distance from it, not the text.
RIGHTS_LINE = (r"^\W*(©|\(c\)\s*\d{4}|copyright\s*(©|\(c\)|\d{4}))|all rights reserved|alle rechte vorbehalten"
               r"|tous droits réservés|todos los derechos reservados|tutti i diritti riservati"
               r"|wszelkie prawa zastrzeżone|todos os direitos reservados|copyrighted (property|material)"
               r"|chroniony prawem autorskim"
               # the publisher's disclaimer of what its contributors write ("X is not responsible for the
               # opinions...", "Les opinions exprimées ... n'engagent que leurs auteurs")
               r"|\b(is|are) not responsible for the (opinions|views|content|statements)\b.{0,60}"
               r"\b(contributors?|authors?|users|readers|commenters|bloggers|columnists)\b"
               r"|\b(views|opinions) expressed (here|in this \w+|by [\w ]{1,40})? ?(are|do not|don't) "
               r"(solely |entirely )?(those|the views|necessarily reflect)"
               r"|n'engagent que (leurs?|ses|son) auteurs?|ne reflètent pas nécessairement"
               r"|(gibt|geben|spiegelt|spiegeln) nicht (unbedingt |zwingend |notwendigerweise )?die meinung"
               r"|no se hace(n)? responsables? de las opiniones|no reflejan? necesariamente")
RIGHTS_LINE_NEEDLES = ("rights", "rechte", "droits", "derechos", "diritti", "prawa", "direitos", "copyrighted",
                       "autorskim", "responsib", "expressed", "engagent", "reflètent", "meinung", "opiniones",
                       "refleja")
# A line that only dates the story ("Published: 03.04.2020, 12:35", "Updated on May 2, 2024",
# "Aktualisiert am 17.01.2021"), matched from the block's start.  Not one that names the author too
# ("Posted on 15 October 2019 by X"): a byline is kept as readers keep it.
DATELINE = (r"^\W*(published|updated|posted|last (updated|modified)|publiziert|veröffentlicht|aktualisiert"
            r"|zuletzt aktualisiert|erstellt|stand|publié|mis à jour|publicado|actualizado|opublikowano|aktualizacja"
            r"|pubblicato|aggiornato|publikacja|data publikacji|date de publication|fecha de publicación"
            r"|data de publicação)( on| am| le| el| il| em)?\s*:?\s*(\d|\w+,? \d)"
            r"(?!.*\b(by|von|par|por|di|przez)\b)")
# A line that is a date and nothing else ("23.10.2018", "March 13, 2015", "Feb 14, 2026 | 9:05 pm"): removed only
# before the first or after the last paragraph of the content's prose (see cleaners/story.py: bare-dates).
_MONTH = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember"
          r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo"
          r"|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)\w*\.?")
BARE_DATE = (r"\W*(\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}\.? (de )?"
             + _MONTH + r"( de)? \d{4}|" + _MONTH + r" \d{1,2},? \d{4})([,|\s-]+\d{1,2}[:.]\d{2}(\s*(uhr|h|am|pm))?)?\W*")
