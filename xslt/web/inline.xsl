<?xml version="1.0" encoding="UTF-8"?>
<!-- Inline TEI for the web edition: how names, dates, apparatus, interventions, notes and milestones
     look.  What they mean is decided in xslt/common/ (mentions.xsl, editorial.xsl), which calls the
     render-* hooks defined here.  Imported by document.xsl, whose parameters and variables ($wit,
     $apparatus, $docid, …) it uses. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei num">


  <!-- ===== names (hook of common/mentions.xsl) ===== -->
  <xsl:template name="render-name">
    <xsl:param name="kind"/><xsl:param name="id"/><xsl:param name="known"/><xsl:param name="nested"/><xsl:param name="anchor"/>
    <xsl:choose>
      <!-- a name that holds a variant (General <app>Deane/Beane</app>) is no link: the variant's
           button inside it must stay a button -->
      <xsl:when test="string($known) and not(string($nested)) and not(.//tei:app)">
        <a class="ent ent-{$kind}" href="{$register-base}{$id}.html" data-ref="{$id}" aria-describedby="card-{$id}">
          <xsl:if test="$apparatus"><xsl:attribute name="id"><xsl:value-of select="$anchor"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:when test="string($known)">
        <span class="ent ent-{$kind}" data-ref="{$id}">
          <xsl:if test="$apparatus"><xsl:attribute name="id"><xsl:value-of select="$anchor"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <!-- a person, place or organisation this document lists itself (particDesc, standOff, back):
           the edition makes it a register entry "{document}.{xml:id}" with a page of its own -->
      <xsl:when test="string($id) and starts-with(normalize-space(@ref), '#') and not(string($nested))
                      and key('by-id', $id)[self::tei:person or self::tei:place or self::tei:org]">
        <xsl:variable name="entry" select="key('by-id', $id)[self::tei:person or self::tei:place or self::tei:org][1]"/>
        <xsl:variable name="entry-kind"><xsl:call-template name="entity-kind"><xsl:with-param name="node" select="$entry"/></xsl:call-template></xsl:variable>
        <a class="ent ent-{$entry-kind}" href="{$register-base}{$doc-stem}.{$id}.html" data-ref="{$doc-stem}.{$id}">
          <xsl:if test="$apparatus"><xsl:attribute name="id"><xsl:value-of select="$anchor"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <!-- another entry kept in this document (a bibliography's): a link to it on the page -->
      <xsl:when test="string($id) and starts-with(normalize-space(@ref), '#') and not(string($nested)) and $apparatus
                      and key('by-id', $id)[ancestor::tei:text][self::tei:person or self::tei:place or self::tei:org
                      or self::tei:event or self::tei:bibl or self::tei:item or self::tei:castItem or self::tei:role]">
        <a class="ent ent-{$kind} local" href="#{$id}" data-ref="{$id}" id="{$anchor}">
          <xsl:if test="not(string($kind))"><xsl:attribute name="class">ent local</xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <!-- a pointer to an authority (GND, VIAF, Wikidata …): a link there, never dropped -->
      <xsl:when test="(starts-with(normalize-space(@ref), 'https://') or starts-with(normalize-space(@ref), 'http://'))
                      and not(contains(normalize-space(@ref), ' ')) and not(string($nested))">
        <a class="ent ent-{$kind} authority" href="{normalize-space(@ref)}">
          <xsl:if test="not(string($kind))"><xsl:attribute name="class">ent authority</xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:when test="self::tei:rs and not(string($kind)) and not(@ref)">
        <span class="tei-rs"><xsl:apply-templates/></span>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent unresolved">
          <xsl:if test="string($kind)"><xsl:attribute name="class"><xsl:value-of select="concat('ent ent-', $kind, ' unresolved')"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== dates: linked to their event on the timeline ===== -->
  <xsl:template name="render-date">
    <xsl:param name="iso"/><xsl:param name="nested"/><xsl:param name="anchor"/>
    <xsl:variable name="time">
      <time class="tei-date">
        <xsl:if test="string($iso) and (translate($iso, '0123456789', '') = '' or translate($iso, '0123456789', '') = '-'
                      or translate($iso, '0123456789', '') = '--')">
          <xsl:attribute name="datetime"><xsl:value-of select="$iso"/></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates/>
      </time>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($iso) and $apparatus and not(string($nested)) and ancestor::tei:body">
        <xsl:variable name="month-page" select="substring-before(substring-after($timeline-pages, concat(' ', $anchor, '=')), ' ')"/>
        <a class="ent ent-date" id="{$anchor}" data-when="{$iso}">
          <xsl:attribute name="href">
            <xsl:choose>
              <xsl:when test="string($month-page)"><xsl:value-of select="concat('../', $month-page)"/></xsl:when>
              <xsl:otherwise><xsl:value-of select="$timeline"/></xsl:otherwise>
            </xsl:choose>
            <xsl:value-of select="concat('#ev-', $doc-stem, '-', $anchor)"/>
          </xsl:attribute>
          <xsl:attribute name="title"><xsl:call-template name="date-description"/></xsl:attribute>
          <xsl:copy-of select="$time"/>
        </a>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent ent-date">
          <xsl:if test="string($iso)"><xsl:attribute name="title"><xsl:call-template name="date-description"/></xsl:attribute></xsl:if>
          <xsl:copy-of select="$time"/>
        </span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== apparatus (hook of common/editorial.xsl): every witness's reading in place, the one
       read now marked current (the lemma, or the default witness's reading when the document has
       no lemmas); a panel lists every reading with its sigla.  data-wit lists the sigla a reading
       stands for; the lemma also carries the witnesses the entry names nowhere, and "*", the
       edited text. ===== -->
  <xsl:template name="render-app">
    <xsl:param name="n"/><xsl:param name="lem"/><xsl:param name="others"/><xsl:param name="variant"/>
    <xsl:variable name="type"><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:variable>
    <xsl:variable name="lemmatised" select="boolean(/tei:TEI/tei:text//tei:app/tei:lem | /tei:TEI/tei:text//tei:app/tei:rdgGrp/tei:lem)"/>
    <xsl:variable name="lem-id" select="generate-id($lem)"/>
    <!-- the entry's id: its own xml:id (pointers name it), else its number -->
    <xsl:variable name="app-id">
      <xsl:choose>
        <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="$docid"/><xsl:call-template name="num:text-part"/><xsl:value-of select="concat('-app', $n)"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="$apparatus">
        <span class="app type-{$type}" id="{$app-id}">
          <!-- readings that stand for witnesses (a conjecture with only @source is in the panel only) -->
          <xsl:for-each select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[@wit or generate-id() = $lem-id]">
            <!-- a word boundary for indexers, which read the HTML without its styles -->
            <xsl:if test="position() > 1"><span class="rdg-sep" aria-hidden="true"><xsl:text> </xsl:text></span></xsl:if>
            <span>
              <xsl:attribute name="data-wit">
                <xsl:choose>
                  <xsl:when test="$lemmatised or @varSeq or ../@varSeq or ../../tei:rdgGrp"><xsl:call-template name="reading-witnesses"/></xsl:when>
                  <xsl:otherwise><xsl:call-template name="witness-sigla"/></xsl:otherwise>
                </xsl:choose>
                <xsl:if test="$lemmatised and generate-id() = $lem-id">
                  <xsl:call-template name="silent-witnesses"/>
                  <xsl:text> *</xsl:text>
                </xsl:if>
              </xsl:attribute>
              <xsl:attribute name="class">
                <xsl:text>rdg</xsl:text>
                <xsl:if test="self::tei:lem"> rdg-lem</xsl:if>
                <xsl:choose>
                  <xsl:when test="$lemmatised">
                    <xsl:if test="generate-id() = $lem-id"> rdg-current</xsl:if>
                  </xsl:when>
                  <xsl:when test="contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $default-wit, ' '))"> rdg-current</xsl:when>
                </xsl:choose>
              </xsl:attribute>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
          <button type="button" class="app-marker" aria-expanded="false" aria-controls="{$app-id}-panel"
                  data-pagefind-ignore="">
            <span class="visually-hidden">Variant <xsl:value-of select="$n"/>: readings of every witness</span>
          </button>
          <span class="app-panel" id="{$app-id}-panel" hidden="" data-pagefind-ignore="">
            <span class="app-panel-title">Variant <xsl:value-of select="$n"/> (<xsl:value-of select="$type"/>)</span>
            <xsl:call-template name="app-entry"/>
          </span>
          <!-- the editors' note on their choice of lemma, as a note of the text -->
          <xsl:apply-templates select="tei:note"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="mine" select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $wit, ' '))]"/>
        <!-- a witness the entry does not name reads the lemma -->
        <xsl:variable name="silent"><xsl:call-template name="silent-witnesses"/></xsl:variable>
        <xsl:variable name="w-siglum"><xsl:call-template name="witness-siglum"><xsl:with-param name="pointer" select="$wit"/></xsl:call-template></xsl:variable>
        <!-- of several readings of this witness (its states, @varSeq), the one it reads -->
        <xsl:variable name="chosen">
          <xsl:for-each select="$mine">
            <xsl:variable name="r"><xsl:call-template name="reading-witnesses"/></xsl:variable>
            <xsl:if test="contains(concat(' ', $r, ' '), concat(' ', $w-siglum, ' '))"><xsl:value-of select="generate-id()"/></xsl:if>
          </xsl:for-each>
        </xsl:variable>
        <xsl:variable name="read" select="$mine[generate-id() = substring($chosen, 1, string-length(generate-id()))]
                                          | $lem[not($mine)][contains(concat(' ', normalize-space($silent), ' '), concat(' ', $w-siglum, ' '))]"/>
        <xsl:choose>
          <xsl:when test="$read and normalize-space($read)">
            <mark class="diff type-{$type}" data-app="{$n}"><xsl:apply-templates select="$read/node()"/></mark>
          </xsl:when>
          <xsl:otherwise>
            <mark class="diff omission type-{$type}" data-app="{$n}" title="not in this witness">[—]</mark>
          </xsl:otherwise>
        </xsl:choose>
        <xsl:apply-templates select="tei:note"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- Milestones and notes of one witness only (@ed) -->
  <xsl:template match="tei:pb | tei:lb | tei:cb | tei:milestone | tei:fw | tei:note">
    <xsl:apply-templates select="." mode="ed"/>
  </xsl:template>

  <xsl:template match="*" mode="ed">
    <!-- the witnesses the element belongs to: @ed, else @edRef -->
    <xsl:variable name="ed" select="(@ed | @edRef[not(../@ed)])[1]"/>
    <xsl:variable name="of-witness"><xsl:if test="$ed"><xsl:call-template name="names-witness"/></xsl:if></xsl:variable>
    <xsl:choose>
      <!-- of no witness (or of a printed edition that is none): in every reading -->
      <xsl:when test="not(string($of-witness))"><xsl:apply-templates select="." mode="inner"/></xsl:when>
      <xsl:when test="$apparatus">
        <span>
          <xsl:attribute name="data-wit"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="$ed"/></xsl:call-template></xsl:attribute>
          <xsl:attribute name="class">
            <xsl:text>rdg rdg-ed</xsl:text>
            <xsl:if test="contains(concat(' ', normalize-space($ed), ' '), concat(' #', $default-wit, ' '))"> rdg-current</xsl:if>
          </xsl:attribute>
          <xsl:apply-templates select="." mode="inner"/>
        </span>
      </xsl:when>
      <xsl:when test="contains(concat(' ', normalize-space($ed), ' '), concat(' #', $wit, ' '))">
        <xsl:apply-templates select="." mode="inner"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pb" mode="inner"><xsl:call-template name="pb-meaning"/></xsl:template>

  <xsl:template name="render-pb">
    <xsl:param name="n"/><xsl:param name="sigla"/>
    <!-- the page's image (@facs, through facsimile/surface/zone/graphic), where there is one -->
    <xsl:variable name="url"><xsl:call-template name="facs-url"/></xsl:variable>
    <xsl:variable name="safe"><xsl:call-template name="image-safe"><xsl:with-param name="url" select="string($url)"/></xsl:call-template></xsl:variable>
    <span class="pb" data-pagefind-ignore="">
      <xsl:if test="$apparatus">
        <!-- its own xml:id (a pointer to the page, "see p. 422", names it), else its number -->
        <xsl:attribute name="id"><xsl:choose><xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when><xsl:otherwise><xsl:value-of select="$docid"/><xsl:call-template name="num:text-part"/><xsl:text>-pb</xsl:text><xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:pbs"/></xsl:call-template></xsl:variable>
        <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" count="tei:pb" from="tei:text"/></xsl:otherwise></xsl:choose></xsl:otherwise></xsl:choose></xsl:attribute>
      </xsl:if>
      <span class="pb-line dipl" aria-hidden="true">|</span>
      <span class="pb-marker">
        <!-- a printed edition's page, in every witness's text, says whose page it is: "Cotelier p. 100" -->
        <xsl:variable name="of-witness"><xsl:call-template name="names-witness"/></xsl:variable>
        <xsl:variable name="label">
          <xsl:if test="string($sigla) and not(string($of-witness))"><xsl:value-of select="$sigla"/><xsl:text> </xsl:text></xsl:if>
          <xsl:choose>
            <xsl:when test="string($n)"><xsl:call-template name="pb-unit"><xsl:with-param name="n" select="$n"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="$n"/></xsl:when>
            <xsl:otherwise>page break</xsl:otherwise>
          </xsl:choose>
        </xsl:variable>
        <xsl:choose>
          <!-- a link only to an image that is there: on the web, or a file beside the TEI (FRUS's
               facs="0023" names an image of the archive's, not a file) -->
          <xsl:when test="string($safe) and $apparatus and (starts-with($url, 'https://') or starts-with($url, 'http://')
                          or contains($local-images, concat(' ', $url, ' ')))">
            <a class="facs-link" href="{$url}"><xsl:value-of select="$label"/><span class="visually-hidden"> (image of the page)</span></a>
          </xsl:when>
          <xsl:otherwise><xsl:value-of select="$label"/></xsl:otherwise>
        </xsl:choose>
      </span>
      <!-- a local image of the page stands beside the text that follows -->
      <xsl:if test="$apparatus and string($url) and contains($local-images, concat(' ', $url, ' '))">
        <xsl:call-template name="page-image">
          <xsl:with-param name="url" select="string($url)"/>
          <xsl:with-param name="label" select="concat('Image of page ', $n, substring('(unnumbered)', 1, 12 * not(string($n))))"/>
        </xsl:call-template>
      </xsl:if>
    </span>
  </xsl:template>

  <xsl:template match="tei:lb" mode="inner"><br/></xsl:template>
  <xsl:template match="tei:cb | tei:milestone" mode="inner"/>

  <xsl:template match="tei:fw" mode="inner">
    <span>
      <xsl:attribute name="class">
        <xsl:text>fw type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template>
        <xsl:if test="@type = 'pageNum'"> dipl</xsl:if>
      </xsl:attribute>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- ===== notes ===== -->
  <xsl:template name="note-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise><xsl:value-of select="$docid"/><xsl:call-template name="num:text-part"/><xsl:text>-note</xsl:text><xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:notes"/></xsl:call-template></xsl:variable>
        <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" count="tei:note" from="tei:text"/></xsl:otherwise></xsl:choose></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="inner"><xsl:call-template name="note-meaning"/></xsl:template>

  <xsl:template name="render-note">
    <xsl:param name="kind"/><xsl:param name="mark"/><xsl:param name="label"/>
    <xsl:variable name="nid"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$kind = 'block'">
        <span role="note">
          <xsl:attribute name="class">
            <xsl:text>note-block type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template>
          </xsl:attribute>
          <span class="note-label"><xsl:value-of select="$label"/></span>
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$apparatus">
        <a class="noteref" id="{$nid}-ref" href="#{$nid}" role="doc-noteref" data-pagefind-ignore="">
          <xsl:attribute name="aria-label"><xsl:value-of select="$label"/><xsl:text> </xsl:text><xsl:value-of select="$mark"/></xsl:attribute>
          <sup><xsl:value-of select="$mark"/></sup>
        </a>
      </xsl:when>
      <xsl:otherwise><sup class="noteref"><xsl:value-of select="$mark"/></sup></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="footnote">
    <xsl:variable name="nid"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:variable name="mark"><xsl:call-template name="note-mark"/></xsl:variable>
    <li id="{$nid}" data-mark="{$mark}">
      <span class="note-mark"><xsl:value-of select="$mark"/></span>
      <xsl:text> </xsl:text>
      <xsl:if test="@type = 'gloss'"><span class="note-label">Archive's gloss: </span></xsl:if>
      <xsl:apply-templates/>
      <xsl:text> </xsl:text>
      <a class="backlink" href="#{$nid}-ref" role="doc-backlink">
        <span aria-hidden="true">↩</span>
        <span class="visually-hidden">Back to the text at note <xsl:value-of select="$mark"/></span>
      </a>
    </li>
  </xsl:template>

  <!-- ===== editorial interventions (hooks of common/editorial.xsl): both views are in the page,
       the diplomatic one in elements of class "dipl", the reading one in class "reading" ===== -->
  <xsl:template name="render-choice">
    <xsl:param name="kind"/><xsl:param name="original"/><xsl:param name="edited"/>
    <span class="choice">
      <span class="dipl choice-original"><xsl:apply-templates select="$original/node()"/></span>
      <span class="reading choice-edited">
        <xsl:attribute name="title">
          <xsl:text>editorial correction; the source reads “</xsl:text>
          <xsl:value-of select="normalize-space($original)"/><xsl:text>”</xsl:text>
          <xsl:if test="$edited/@cert"><xsl:text> (certainty: </xsl:text><xsl:value-of select="$edited/@cert"/><xsl:text>)</xsl:text></xsl:if>
        </xsl:attribute>
        <xsl:apply-templates select="$edited/node()"/>
      </span>
    </span>
  </xsl:template>

  <xsl:template name="render-sic">
    <span class="sic"><xsl:apply-templates/><span class="sic-mark"> [sic]</span></span>
  </xsl:template>

  <xsl:template name="render-del">
    <xsl:param name="manner"/>
    <del class="tei-del dipl"><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template name="render-add">
    <xsl:param name="where"/>
    <ins>
      <xsl:attribute name="class">
        <xsl:text>tei-add place-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@place"/></xsl:call-template>
      </xsl:attribute>
      <!-- where it stands, for a reader to see on hover (common's add-place: "in the margin") -->
      <xsl:if test="string($where)"><xsl:attribute name="title">added <xsl:value-of select="$where"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template name="render-subst">
    <span class="tei-subst"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template name="render-gap">
    <xsl:param name="label"/><xsl:param name="desc"/>
    <span>
      <xsl:attribute name="class">
        <xsl:text>gap reason-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@reason"/></xsl:call-template>
      </xsl:attribute>
      <xsl:text>[</xsl:text><xsl:value-of select="$label"/>
      <xsl:if test="string($desc)">: <xsl:value-of select="$desc"/></xsl:if>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <xsl:template name="render-unclear">
    <span class="unclear" title="unclear in the source"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- the editors' interventions, in the brackets of the editorial principles: [supplied] {surplus} -->
  <xsl:template name="render-supplied">
    <span class="supplied" title="supplied by the editors">[<xsl:apply-templates/>]</span>
  </xsl:template>

  <xsl:template name="render-surplus">
    <span class="surplus" title="surplus: the editors would leave it out">{<xsl:apply-templates/>}</span>
  </xsl:template>

  <!-- ===== links ===== -->
  <xsl:template match="tei:ref[starts-with(@target, 'https://') or starts-with(@target, 'http://')]">
    <a class="ext" href="{@target}"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:ref[substring(@target, string-length(@target) - 3) = '.xml'
                       and not(contains(@target, '/')) and not(contains(@target, ':'))]">
    <a href="{substring(@target, 1, string-length(@target) - 4)}.html"><xsl:apply-templates/></a>
  </xsl:template>

  <xsl:template match="tei:foreign">
    <span class="tei-foreign">
      <xsl:if test="@xml:lang">
        <xsl:attribute name="lang"><xsl:call-template name="token"><xsl:with-param name="value" select="@xml:lang"/></xsl:call-template></xsl:attribute>
      </xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <xsl:template match="tei:label">
    <strong class="tei-label"><xsl:apply-templates/></strong>
  </xsl:template>

  <xsl:template match="tei:hi | tei:seg | tei:stamp | tei:signed">
    <span>
      <xsl:attribute name="class">
        <xsl:value-of select="concat('tei-', local-name())"/>
        <xsl:if test="@type"><xsl:text> type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:if>
        <xsl:if test="@rend"><xsl:text> rend-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@rend"/></xsl:call-template></xsl:if>
      </xsl:attribute>
      <xsl:if test="@xml:id and $apparatus"><xsl:attribute name="id"><xsl:value-of select="@xml:id"/></xsl:attribute></xsl:if>
      <xsl:apply-templates/>
    </span>
  </xsl:template>

</xsl:stylesheet>
