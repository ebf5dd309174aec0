<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: what the structures of other people's TEI mean, for every output.
     Verse (line numbers), drama (who speaks), highlighting (which styles a @rend or @rendition
     asks for), pointers (where a ref goes), facsimiles (which image a page is), and which
     elements editio knows at all (the rest are rendered generically and counted). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:key name="by-id" match="*[@xml:id]" use="@xml:id"/>
  <xsl:key name="tagsdecl" match="tei:tagsDecl" use="'all'"/>
  <!-- the tagsDecls of each TEI document (of a teiCorpus, or of the print's corpus of documents) -->
  <xsl:key name="tagsdecl-of" match="tei:tagsDecl" use="generate-id(ancestor::tei:TEI[1])"/>

  <!-- ===== the document's title ===== -->
  <!-- Its title, as text: titleStmt/title[@type='main'], else its own title (@level='a': a letter's
       "X an Y, date" beside the collection's), else the first title that is neither a series' or
       journal's (@level s, j) nor of a kind (@type sub, desc …), else the first.  Python's
       editio.records.main_title follows the same rule. -->
  <xsl:template name="main-title">
    <xsl:param name="tei" select="ancestor-or-self::tei:TEI[1]"/>
    <xsl:variable name="titles" select="$tei/tei:teiHeader/tei:fileDesc/tei:titleStmt/tei:title[normalize-space()]"/>
    <xsl:choose>
      <xsl:when test="$titles[@type = 'main']"><xsl:value-of select="normalize-space($titles[@type = 'main'][1])"/></xsl:when>
      <xsl:when test="$titles[@level = 'a']"><xsl:value-of select="normalize-space($titles[@level = 'a'][1])"/></xsl:when>
      <xsl:when test="$titles[not(@type) and not(@level = 's' or @level = 'j')]">
        <xsl:value-of select="normalize-space($titles[not(@type) and not(@level = 's' or @level = 'j')][1])"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="normalize-space($titles[1])"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== languages ===== -->
  <!-- A TEI language code as a BCP 47 tag, which takes an ISO 639-1 code where the language has
       one: "lat" -> "la", "deu" and "ger" -> "de", "slv-SI" -> "sl-SI"; "grc", "de-AT" stay.
       Characters other than letters, digits and "-" are dropped.  The table: every ISO 639-2 code
       (terminologic and bibliographic) of a language with an ISO 639-1 code, as the ISO 639-2
       Registration Authority lists them (taken from Debian's iso-codes, iso_639-2.json). -->
  <xsl:variable name="iso639-two-letter" select="concat(' ', normalize-space('
      aar:aa abk:ab afr:af aka:ak alb:sq amh:am ara:ar arg:an arm:hy asm:as ava:av ave:ae aym:ay
      aze:az bak:ba bam:bm baq:eu bel:be ben:bn bih:bh bis:bi bod:bo bos:bs bre:br bul:bg bur:my
      cat:ca ces:cs cha:ch che:ce chi:zh chu:cu chv:cv cor:kw cos:co cre:cr cym:cy cze:cs dan:da
      deu:de div:dv dut:nl dzo:dz ell:el eng:en epo:eo est:et eus:eu ewe:ee fao:fo fas:fa fij:fj
      fin:fi fra:fr fre:fr fry:fy ful:ff geo:ka ger:de gla:gd gle:ga glg:gl glv:gv gre:el grn:gn
      guj:gu hat:ht hau:ha heb:he her:hz hin:hi hmo:ho hrv:hr hun:hu hye:hy ibo:ig ice:is ido:io
      iii:ii iku:iu ile:ie ina:ia ind:id ipk:ik isl:is ita:it jav:jv jpn:ja kal:kl kan:kn kas:ks
      kat:ka kau:kr kaz:kk khm:km kik:ki kin:rw kir:ky kom:kv kon:kg kor:ko kua:kj kur:ku lao:lo
      lat:la lav:lv lim:li lin:ln lit:lt ltz:lb lub:lu lug:lg mac:mk mah:mh mal:ml mao:mi mar:mr
      may:ms mkd:mk mlg:mg mlt:mt mon:mn mri:mi msa:ms mya:my nau:na nav:nv nbl:nr nde:nd ndo:ng
      nep:ne nld:nl nno:nn nob:nb nor:no nya:ny oci:oc oji:oj ori:or orm:om oss:os pan:pa per:fa
      pli:pi pol:pl por:pt pus:ps que:qu roh:rm ron:ro rum:ro run:rn rus:ru sag:sg san:sa sin:si
      slk:sk slo:sk slv:sl sme:se smo:sm sna:sn snd:sd som:so sot:st spa:es sqi:sq srd:sc srp:sr
      ssw:ss sun:su swa:sw swe:sv tah:ty tam:ta tat:tt tel:te tgk:tg tgl:tl tha:th tib:bo tir:ti
      ton:to tsn:tn tso:ts tuk:tk tur:tr twi:tw uig:ug ukr:uk urd:ur uzb:uz ven:ve vie:vi vol:vo
      wel:cy wln:wa wol:wo xho:xh yid:yi yor:yo zha:za zho:zh zul:zu
      '), ' ')"/>
  <xsl:template name="bcp47">
    <xsl:param name="code"/>
    <xsl:variable name="tag" select="translate(normalize-space($code), translate(normalize-space($code),
        'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-', ''), '')"/>
    <xsl:variable name="primary" select="translate(substring-before(concat($tag, '-'), '-'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')"/>
    <xsl:variable name="short" select="substring-before(substring-after($iso639-two-letter, concat(' ', $primary, ':')), ' ')"/>
    <xsl:choose>
      <xsl:when test="string-length($primary) = 3 and string($short)">
        <xsl:value-of select="concat($short, substring($tag, 4))"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$tag"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== verse ===== -->
  <!-- A line's number: its @n, else its position among the lines of its division (or text) -->
  <xsl:template name="verse-number">
    <xsl:choose>
      <xsl:when test="normalize-space(@n)"><xsl:value-of select="normalize-space(@n)"/></xsl:when>
      <xsl:otherwise><xsl:number level="any" count="tei:l[not(@n)]" from="tei:div | tei:body | tei:front | tei:back"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1" when the number is printed beside the line: every fifth line, and any number that is
       not a plain count (12a, a CTS-style "1.5" passage) -->
  <xsl:template name="verse-number-shown">
    <xsl:param name="n"/>
    <xsl:choose>
      <xsl:when test="string(number($n)) = 'NaN'">1</xsl:when>
      <xsl:when test="number($n) mod 5 = 0">1</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- How far a line is indented (0-3), from @rend/@rendition ("indent", "indent2", "i2") -->
  <xsl:template name="verse-indent">
    <xsl:variable name="r" select="concat(' ', normalize-space(concat(@rend, ' ', translate(@rendition, '#', ''))), ' ')"/>
    <xsl:choose>
      <xsl:when test="contains($r, 'indent3') or contains($r, ' i3 ')">3</xsl:when>
      <xsl:when test="contains($r, 'indent2') or contains($r, ' i2 ')">2</xsl:when>
      <xsl:when test="contains($r, 'indent') or contains($r, ' i1 ')">1</xsl:when>
      <xsl:otherwise>0</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== drama ===== -->
  <!-- The ids a speech's @who points to, without "#", space-separated -->
  <xsl:template name="who-ids">
    <xsl:param name="who" select="@who"/>
    <xsl:value-of select="normalize-space(translate($who, '#', ' '))"/>
  </xsl:template>

  <!-- The name of the first person or role @who points to: a castList role, a particDesc or
       standOff person (its first persName), "" when nothing answers -->
  <xsl:template name="who-name">
    <xsl:variable name="ids"><xsl:call-template name="who-ids"/></xsl:variable>
    <xsl:variable name="id" select="substring-before(concat($ids, ' '), ' ')"/>
    <xsl:variable name="target" select="key('by-id', $id)[1]"/>
    <xsl:choose>
      <xsl:when test="$target/self::tei:role"><xsl:value-of select="normalize-space($target)"/></xsl:when>
      <xsl:when test="$target/tei:persName"><xsl:value-of select="normalize-space($target/tei:persName[1])"/></xsl:when>
      <xsl:when test="$target/tei:role"><xsl:value-of select="normalize-space($target/tei:role[1])"/></xsl:when>
      <xsl:when test="$target"><xsl:value-of select="normalize-space($target)"/></xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== highlighting ===== -->
  <!-- The styles a @rend, @rendition (and a rendition's own CSS in tagsDecl) or @style ask for, as
       space-separated words from: italic bold sup sub underline smallcaps strike spaced -->
  <xsl:template name="hi-styles">
    <xsl:variable name="ids" select="normalize-space(translate(@rendition, '#', ' '))"/>
    <xsl:variable name="css">
      <!-- the first tagsDecl of this TEI document (in a corpus, each document's own: two projects'
           "#b" may differ), else the first of the whole file (a teiCorpus header's); through keys
           (built once) instead of a walk per hi -->
      <xsl:if test="$ids">
        <xsl:variable name="own" select="key('tagsdecl-of', generate-id(ancestor::tei:TEI[1]))[1]"/>
        <xsl:for-each select="($own | key('tagsdecl', 'all')[not($own)][1])/tei:rendition[@xml:id]">
          <xsl:if test="contains(concat(' ', $ids, ' '), concat(' ', @xml:id, ' '))"><xsl:value-of select="concat(' ', ., ' ')"/></xsl:if>
        </xsl:for-each>
      </xsl:if>
    </xsl:variable>
    <xsl:variable name="r" select="translate(concat(' ', @rend, ' ', $ids, ' ', @style, ' ', $css, ' '),
                                   'ABCDEFGHIJKLMNOPQRSTUVWXYZ-_;:', 'abcdefghijklmnopqrstuvwxyz    ')"/>
    <xsl:if test="contains($r, 'ital') or contains($r, 'oblique') or contains($r, ' it ') or contains($r, ' i ') or contains($r, 'latintype') or contains($r, 'antiqua') or contains($r, 'emph')"> italic</xsl:if>
    <xsl:if test="contains($r, 'bold') or contains($r, ' b ') or contains($r, 'weight')"> bold</xsl:if>
    <xsl:if test="contains($r, 'sup') or contains($r, 'super')"> sup</xsl:if>
    <xsl:if test="contains($r, ' sub ') or contains($r, 'subscript') or contains($r, ' below ')"> sub</xsl:if>
    <xsl:if test="contains($r, 'underl') or contains($r, ' u ')"> underline</xsl:if>
    <xsl:if test="contains($r, 'small') and contains($r, 'cap') or contains($r, ' sc ')"> smallcaps</xsl:if>
    <xsl:if test="contains($r, 'strike') or contains($r, 'line through') or contains($r, 'overstrike')"> strike</xsl:if>
    <xsl:if test="contains($r, 'spaced') or contains($r, 'gesperrt') or contains($r, 'letter spacing')"> spaced</xsl:if>
  </xsl:template>

  <!-- ===== pointers ===== -->
  <!-- What a @target (or @facs, @url) is: "external" (http, https, mailto), "internal" (#id that
       this document has), "document" (another .xml file of the edition), "document-part" (an id in one: FILE.xml#id), "" otherwise -->
  <xsl:template name="target-kind">
    <xsl:param name="target" select="normalize-space(@target)"/>
    <xsl:variable name="first" select="substring-before(concat($target, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="starts-with($first, 'https://') or starts-with($first, 'http://') or starts-with($first, 'mailto:')">external</xsl:when>
      <xsl:when test="starts-with($first, '#') and key('by-id', substring($first, 2))">internal</xsl:when>
      <xsl:when test="substring($first, string-length($first) - 3) = '.xml' and not(contains($first, '/'))
                      and not(contains($first, ':'))">document</xsl:when>
      <xsl:when test="contains($first, '#') and substring(substring-before($first, '#'), string-length(substring-before($first, '#')) - 3) = '.xml'
                      and not(contains(substring-before($first, '#'), '/')) and not(contains(substring-before($first, '#'), ':'))
                      and string-length(substring-before($first, '#')) > 4">document-part</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- ===== facsimile ===== -->
  <!-- The image a @facs stands for: a surface, zone or graphic it points to (#id) gives its
       graphic/@url; a plain value is the URL itself -->
  <xsl:template name="facs-url">
    <xsl:param name="facs" select="normalize-space(@facs)"/>
    <xsl:variable name="first" select="substring-before(concat($facs, ' '), ' ')"/>
    <xsl:choose>
      <xsl:when test="starts-with($first, '#')">
        <xsl:variable name="t" select="key('by-id', substring($first, 2))[1]"/>
        <xsl:value-of select="($t/@url | $t/tei:graphic/@url | $t/ancestor::tei:surface[1]/tei:graphic/@url)[1]"/>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="$first"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- "1" for an image a page can show beside the text: an http(s) URL or a relative file name
       inside the edition (no "..", no scheme, no absolute path) -->
  <xsl:template name="image-safe">
    <xsl:param name="url"/>
    <xsl:choose>
      <xsl:when test="not(string($url))"/>
      <xsl:when test="starts-with($url, 'https://') or starts-with($url, 'http://')">1</xsl:when>
      <xsl:when test="contains($url, ':') or starts-with($url, '/') or contains($url, '..') or contains($url, '\')"/>
      <xsl:otherwise>1</xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
