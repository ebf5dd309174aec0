<?xml version="1.0" encoding="UTF-8"?>
<!-- Inline TEI for the web edition: names, dates, apparatus, interventions, notes, milestones.
     Included by document.xsl, whose parameters and variables ($wit, $apparatus, $docid, …) it uses. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">


  <!-- The mention's id: its own xml:id (an editor's note may point at it), else its position among
       the names and dates of the text; editio.records anchors mentions by the same rule -->
  <xsl:template name="mention-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat($docid, '-m')"/>
        <xsl:number level="any" from="tei:text"
          count="tei:persName | tei:rs | tei:placeName | tei:orgName | tei:geogName | tei:date"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== names ===== -->
  <xsl:template match="tei:persName[@ref] | tei:rs[@ref] | tei:placeName[@ref] | tei:orgName[@ref] | tei:geogName[@ref]">
    <xsl:variable name="id"><xsl:call-template name="entity-id"/></xsl:variable>
    <xsl:variable name="kind"><xsl:call-template name="entity-kind"/></xsl:variable>
    <xsl:variable name="known"><xsl:call-template name="entity-known"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:variable>
    <xsl:variable name="nested" select="ancestor::tei:persName[@ref] | ancestor::tei:placeName[@ref]
        | ancestor::tei:orgName[@ref] | ancestor::tei:geogName[@ref] | ancestor::tei:ref[@target]"/>
    <xsl:choose>
      <!-- a name that holds a variant (General <app>Deane/Beane</app>) is no link: the variant's button
           inside it must stay a button -->
      <xsl:when test="string($known) and not($nested) and not(.//tei:app)">
        <a class="ent ent-{$kind}" href="{$register-base}{$id}.html" data-ref="{$id}" aria-describedby="card-{$id}">
          <xsl:if test="$apparatus"><xsl:attribute name="id"><xsl:call-template name="mention-id"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </a>
      </xsl:when>
      <xsl:when test="string($known)">
        <span class="ent ent-{$kind}" data-ref="{$id}">
          <xsl:if test="$apparatus"><xsl:attribute name="id"><xsl:call-template name="mention-id"/></xsl:attribute></xsl:if>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <span class="ent ent-{$kind} unresolved"><xsl:apply-templates/></span>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:geogName">
    <xsl:variable name="kind"><xsl:call-template name="entity-kind"/></xsl:variable>
    <span class="ent ent-{$kind} unresolved"><xsl:apply-templates/></span>
  </xsl:template>

  <!-- ===== dates: linked to their event on the timeline ===== -->
  <xsl:template match="tei:date">
    <xsl:variable name="iso"><xsl:call-template name="date-iso"/></xsl:variable>
    <xsl:variable name="nested" select="ancestor::tei:persName[@ref] | ancestor::tei:placeName[@ref]
        | ancestor::tei:orgName[@ref] | ancestor::tei:geogName[@ref] | ancestor::tei:ref[@target]"/>
    <xsl:variable name="mid"><xsl:call-template name="mention-id"/></xsl:variable>
    <xsl:variable name="time">
      <time class="tei-date">
        <xsl:if test="translate($iso, '0123456789', '') = '' or translate($iso, '0123456789', '') = '-'
                      or translate($iso, '0123456789', '') = '--'">
          <xsl:attribute name="datetime"><xsl:value-of select="$iso"/></xsl:attribute>
        </xsl:if>
        <xsl:apply-templates/>
      </time>
    </xsl:variable>
    <xsl:choose>
      <xsl:when test="string($iso) and $apparatus and not($nested) and ancestor::tei:body">
        <a class="ent ent-date" id="{$mid}" href="{$timeline}#ev-{$mid}" data-when="{$iso}">
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

  <!-- ===== apparatus ===== -->
  <xsl:template match="tei:app">
    <xsl:variable name="n"><xsl:number level="any" count="tei:app" from="tei:text"/></xsl:variable>
    <xsl:variable name="type"><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template></xsl:variable>
    <xsl:choose>
      <xsl:when test="$apparatus">
        <span class="app type-{$type}" id="{$docid}-app{$n}">
          <xsl:for-each select="tei:lem | tei:rdg">
            <!-- a word boundary for indexers, which read the HTML without its styles -->
            <xsl:if test="position() > 1"><span class="rdg-sep" aria-hidden="true"><xsl:text> </xsl:text></span></xsl:if>
            <span>
              <xsl:attribute name="data-wit"><xsl:call-template name="witness-sigla"/></xsl:attribute>
              <xsl:attribute name="class">
                <xsl:text>rdg</xsl:text>
                <!-- the edited text shows the lemma; an app without one, the first witness's reading -->
                <xsl:if test="self::tei:lem or (not(../tei:lem) and contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $default-wit, ' ')))"> rdg-current</xsl:if>
              </xsl:attribute>
              <xsl:apply-templates/>
            </span>
          </xsl:for-each>
          <button type="button" class="app-marker" aria-expanded="false" aria-controls="{$docid}-app{$n}-panel"
                  data-pagefind-ignore="">
            <span class="visually-hidden">Variant <xsl:value-of select="$n"/>: readings of every witness</span>
          </button>
          <span class="app-panel" id="{$docid}-app{$n}-panel" hidden="" data-pagefind-ignore="">
            <span class="app-panel-title">Variant <xsl:value-of select="$n"/> (<xsl:value-of select="$type"/>)</span>
            <xsl:for-each select="tei:lem | tei:rdg">
              <span class="app-reading">
                <xsl:if test="self::tei:lem"><span class="lem-mark">lem.<xsl:if test="@resp"> (ed.)</xsl:if> </span></xsl:if>
                <span class="siglum"><xsl:call-template name="witness-sigla"/></span>
                <xsl:text> </xsl:text>
                <xsl:variable name="text"><xsl:apply-templates mode="plain"/></xsl:variable>
                <xsl:choose>
                  <xsl:when test="normalize-space($text)"><span class="reading-text"><xsl:value-of select="normalize-space($text)"/></span></xsl:when>
                  <xsl:otherwise><em>om.</em></xsl:otherwise>
                </xsl:choose>
              </span>
            </xsl:for-each>
          </span>
          <!-- the editors' note on their choice of lemma, as a note of the text -->
          <xsl:apply-templates select="tei:note"/>
        </span>
      </xsl:when>
      <xsl:otherwise>
        <xsl:variable name="mine" select="(tei:lem | tei:rdg)[contains(concat(' ', normalize-space(@wit), ' '), concat(' #', $wit, ' '))]"/>
        <xsl:choose>
          <xsl:when test="$mine and normalize-space($mine)">
            <mark class="diff type-{$type}" data-app="{$n}"><xsl:apply-templates select="$mine/node()"/></mark>
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
    <xsl:choose>
      <xsl:when test="not(@ed)"><xsl:apply-templates select="." mode="inner"/></xsl:when>
      <xsl:when test="$apparatus">
        <span>
          <xsl:attribute name="data-wit"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="@ed"/></xsl:call-template></xsl:attribute>
          <xsl:attribute name="class">
            <xsl:text>rdg rdg-ed</xsl:text>
            <xsl:if test="contains(concat(' ', normalize-space(@ed), ' '), concat(' #', $default-wit, ' '))"> rdg-current</xsl:if>
          </xsl:attribute>
          <xsl:apply-templates select="." mode="inner"/>
        </span>
      </xsl:when>
      <xsl:when test="contains(concat(' ', normalize-space(@ed), ' '), concat(' #', $wit, ' '))">
        <xsl:apply-templates select="." mode="inner"/>
      </xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:pb" mode="inner">
    <span class="pb" data-pagefind-ignore="">
      <xsl:if test="$apparatus">
        <xsl:attribute name="id"><xsl:value-of select="concat($docid, '-pb')"/><xsl:number level="any" count="tei:pb" from="tei:text"/></xsl:attribute>
      </xsl:if>
      <span class="pb-line dipl" aria-hidden="true">|</span>
      <span class="pb-marker">
        <xsl:choose>
          <xsl:when test="@n">p. <xsl:value-of select="@n"/></xsl:when>
          <xsl:otherwise>page break</xsl:otherwise>
        </xsl:choose>
      </span>
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
      <xsl:otherwise><xsl:value-of select="concat($docid, '-note')"/><xsl:number level="any" count="tei:note" from="tei:text"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:note" mode="inner">
    <xsl:variable name="kind"><xsl:call-template name="note-kind"/></xsl:variable>
    <xsl:variable name="mark"><xsl:call-template name="note-mark"/></xsl:variable>
    <xsl:variable name="nid"><xsl:call-template name="note-id"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$kind = 'block'">
        <span role="note">
          <xsl:attribute name="class">
            <xsl:text>note-block type-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@type"/></xsl:call-template>
          </xsl:attribute>
          <span class="note-label"><xsl:call-template name="note-label"/></span>
          <xsl:text> </xsl:text>
          <xsl:apply-templates/>
        </span>
      </xsl:when>
      <xsl:when test="$apparatus">
        <a class="noteref" id="{$nid}-ref" href="#{$nid}" role="doc-noteref" data-pagefind-ignore="">
          <xsl:attribute name="aria-label"><xsl:call-template name="note-label"/><xsl:text> </xsl:text><xsl:value-of select="$mark"/></xsl:attribute>
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

  <!-- ===== editorial interventions ===== -->
  <xsl:template match="tei:choice">
    <xsl:variable name="original" select="tei:sic | tei:orig | tei:abbr"/>
    <xsl:variable name="edited" select="tei:corr | tei:reg | tei:expan"/>
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

  <xsl:template match="tei:sic">
    <span class="sic"><xsl:apply-templates/><span class="sic-mark"> [sic]</span></span>
  </xsl:template>

  <xsl:template match="tei:del">
    <del class="tei-del dipl"><xsl:apply-templates/></del>
  </xsl:template>

  <xsl:template match="tei:add">
    <ins>
      <xsl:attribute name="class">
        <xsl:text>tei-add place-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@place"/></xsl:call-template>
      </xsl:attribute>
      <xsl:apply-templates/>
    </ins>
  </xsl:template>

  <xsl:template match="tei:gap">
    <span>
      <xsl:attribute name="class">
        <xsl:text>gap reason-</xsl:text><xsl:call-template name="token"><xsl:with-param name="value" select="@reason"/></xsl:call-template>
      </xsl:attribute>
      <xsl:text>[</xsl:text><xsl:call-template name="gap-label"/>
      <xsl:if test="tei:desc and translate(normalize-space(tei:desc), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') != normalize-space(@reason)">: <xsl:value-of select="normalize-space(tei:desc)"/></xsl:if>
      <xsl:text>]</xsl:text>
    </span>
  </xsl:template>

  <!-- the editors' interventions, in the brackets of the editorial principles: [supplied] {surplus} -->
  <xsl:template match="tei:supplied">
    <span class="supplied" title="supplied by the editors">[<xsl:apply-templates/>]</span>
  </xsl:template>
  <xsl:template match="tei:surplus">
    <span class="surplus" title="surplus: the editors would leave it out">{<xsl:apply-templates/>}</span>
  </xsl:template>
  <xsl:template match="tei:unclear">
    <span class="unclear" title="unclear in the source"><xsl:apply-templates/></span>
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
      <xsl:apply-templates/>
    </span>
  </xsl:template>

  <!-- Anything else from TEI: its text in a span named for it; anything not TEI: its text only -->
  <xsl:template match="tei:*">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>
  <xsl:template match="tei:graphic | tei:figDesc | tei:desc[parent::tei:gap]"/>
  <xsl:template match="*"><xsl:apply-templates/></xsl:template>
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
