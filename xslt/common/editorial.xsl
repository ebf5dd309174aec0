<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: what each editorial element MEANS, decided once for every output.

     Each template below matches one editorial element, works out what it stands for (which member
     of a choice the reading text shows and which the diplomatic view shows, what a gap's label is,
     which reading of an apparatus is the lemma, …) and hands that to a named hook,
     "render-<element>", with the answers as parameters.  The context node inside a hook is still
     the TEI element, so a hook may look at anything else it needs.  xslt/web/ and xslt/print/
     define the hooks (how it looks); the defaults here only keep the text.

     A user's stylesheet that imports web/document.xsl or print/edition.xsl can override a hook
     (how one element looks) or one of these match templates (what it means).

     The two views:
       element          reading view (the edited text)        diplomatic view (the source)
       choice           corr | reg | expan                     sic | orig | abbr
       sic (alone)      the text, flagged [sic]                the text
       del              left out                               shown, struck
       add              shown                                  shown, marked as added
       subst            its add                                its del and its add
       gap              "[label]"                              "[label]"
       unclear          the text, flagged                      the text, flagged
       supplied         the text, in brackets                  left out
       surplus          left out                               shown
       app              the lemma (lem, else the reading of    each witness's own reading
                        the first declared witness, else the
                        first reading)
       note             a mark at its place; the note beside   the same
                        (block notes: in place, labelled)
       pb               a page mark (p. N, fol. Nr)            a page mark and a line
     Mode "reading" gives the reading view of an element's content (used inside apparatus notes and
     panels); mode "plain" (plain.xsl) the same as plain text. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei num">

  <!-- ===== choice: sic/corr, orig/reg, abbr/expan ===== -->
  <xsl:template match="tei:choice">
    <xsl:call-template name="render-choice">
      <xsl:with-param name="kind"><xsl:call-template name="choice-kind"/></xsl:with-param>
      <xsl:with-param name="original" select="tei:sic | tei:orig | tei:abbr"/>
      <xsl:with-param name="edited" select="tei:corr | tei:reg | tei:expan"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:choice" mode="reading">
    <xsl:apply-templates select="(tei:corr | tei:reg | tei:expan)[1]/node()" mode="reading"/>
  </xsl:template>

  <!-- correction | regularisation | expansion -->
  <xsl:template name="choice-kind">
    <xsl:choose>
      <xsl:when test="tei:corr">correction</xsl:when>
      <xsl:when test="tei:reg">regularisation</xsl:when>
      <xsl:when test="tei:expan">expansion</xsl:when>
    </xsl:choose>
  </xsl:template>

  <!-- A sic with no correction offered: the source's text, flagged -->
  <xsl:template match="tei:sic[not(parent::tei:choice)]">
    <xsl:call-template name="render-sic"/>
  </xsl:template>

  <!-- ===== additions and deletions ===== -->
  <xsl:template match="tei:del">
    <xsl:call-template name="render-del">
      <xsl:with-param name="manner">
        <xsl:choose>
          <xsl:when test="contains(@rend, 'strike')">struck</xsl:when>
          <xsl:when test="contains(@rend, 'erase')">erased</xsl:when>
          <xsl:otherwise>deleted</xsl:otherwise>
        </xsl:choose>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:add">
    <xsl:call-template name="render-add">
      <xsl:with-param name="where"><xsl:call-template name="add-place"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- Where an addition stands, in words ("" when @place says nothing we know) -->
  <xsl:template name="add-place">
    <xsl:choose>
      <xsl:when test="@place = 'above' or @place = 'interlinear' or @place = 'supralinear'">above the line</xsl:when>
      <xsl:when test="@place = 'below' or @place = 'infralinear'">below the line</xsl:when>
      <xsl:when test="contains(@place, 'margin')">in the margin</xsl:when>
      <xsl:when test="@place = 'inline'">in the line</xsl:when>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:subst">
    <xsl:call-template name="render-subst"/>
  </xsl:template>

  <!-- ===== gaps and the editor's hand ===== -->
  <xsl:template match="tei:gap">
    <xsl:call-template name="render-gap">
      <xsl:with-param name="label"><xsl:call-template name="gap-label"/></xsl:with-param>
      <!-- the gap's own description, unless it only repeats the reason -->
      <xsl:with-param name="desc">
        <xsl:if test="tei:desc and translate(normalize-space(tei:desc), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') != normalize-space(@reason)">
          <xsl:value-of select="normalize-space(tei:desc)"/>
        </xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:unclear">
    <xsl:call-template name="render-unclear"/>
  </xsl:template>

  <xsl:template match="tei:supplied">
    <xsl:call-template name="render-supplied"/>
  </xsl:template>

  <xsl:template match="tei:surplus">
    <xsl:call-template name="render-surplus"/>
  </xsl:template>

  <!-- ===== the apparatus ===== -->
  <xsl:template match="tei:app">
    <xsl:variable name="lem-id"><xsl:call-template name="lemma-reading"/></xsl:variable>
    <xsl:call-template name="render-app">
      <xsl:with-param name="n"><xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:apps"/></xsl:call-template></xsl:variable>
        <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" count="tei:app" from="tei:text"/></xsl:otherwise></xsl:choose></xsl:with-param>
      <xsl:with-param name="lem" select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[generate-id() = $lem-id]"/>
      <xsl:with-param name="others" select="(tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[generate-id() != $lem-id]"/>
      <!-- readings that differ only in milestones or printed page numbers are no variant -->
      <xsl:with-param name="variant" select="boolean(.//text()[normalize-space()][not(ancestor::tei:fw[@type = 'pageNum'])] or .//tei:gap)"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:app" mode="reading">
    <xsl:variable name="lem-id"><xsl:call-template name="lemma-reading"/></xsl:variable>
    <xsl:apply-templates select="(tei:lem | tei:rdg | tei:rdgGrp//tei:lem | tei:rdgGrp//tei:rdg)[generate-id() = $lem-id]/node()" mode="reading"/>
  </xsl:template>

  <!-- ===== notes and page breaks ===== -->
  <xsl:template match="tei:note">
    <xsl:call-template name="note-meaning"/>
  </xsl:template>
  <xsl:template match="tei:note" mode="reading"/>

  <!-- A note's kind ("foot" or "block"), mark and label, handed to render-note -->
  <xsl:template name="note-meaning">
    <xsl:call-template name="render-note">
      <xsl:with-param name="kind"><xsl:call-template name="note-kind"/></xsl:with-param>
      <xsl:with-param name="mark"><xsl:call-template name="note-mark"/></xsl:with-param>
      <xsl:with-param name="label"><xsl:call-template name="note-label"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:pb">
    <xsl:call-template name="pb-meaning"/>
  </xsl:template>

  <!-- The page's number (@n, "" if none) and the witnesses or editions it belongs to (sigla from
       @ed, else @edRef; an edition that is no witness by its id: "Cotelier") -->
  <xsl:template name="pb-meaning">
    <xsl:call-template name="render-pb">
      <xsl:with-param name="n" select="string(@n)"/>
      <xsl:with-param name="sigla">
        <xsl:if test="@ed | @edRef"><xsl:call-template name="witness-sigla"><xsl:with-param name="pointers" select="(@ed | @edRef[not(../@ed)])[1]"/></xsl:call-template></xsl:if>
      </xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- What a page number counts: "fol." for a leaf's side (a number, then r or v, a manuscript's
       "112v", "3r", "12ra"), else "p." -->
  <xsl:template name="pb-unit">
    <xsl:param name="n" select="string(@n)"/>
    <xsl:variable name="side" select="translate($n, 'ab', '')"/>
    <xsl:variable name="last" select="substring($side, string-length($side))"/>
    <xsl:variable name="number" select="substring($side, 1, string-length($side) - 1)"/>
    <xsl:choose>
      <xsl:when test="($last = 'r' or $last = 'v') and string($number) and translate($number, '0123456789', '') = ''
                      and string-length($n) - string-length($side) &lt;= 1">fol.</xsl:when>
      <xsl:otherwise>p.</xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- ===== default hooks: the text, nothing else (web/ and print/ replace them) ===== -->
  <xsl:template name="render-choice">
    <xsl:param name="kind"/><xsl:param name="original"/><xsl:param name="edited"/>
    <xsl:apply-templates select="$edited[1]/node()"/>
  </xsl:template>
  <xsl:template name="render-sic"><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-del"><xsl:param name="manner"/><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-add"><xsl:param name="where"/><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-subst"><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-gap">
    <xsl:param name="label"/><xsl:param name="desc"/>
    <xsl:text>[</xsl:text><xsl:value-of select="$label"/><xsl:text>]</xsl:text>
  </xsl:template>
  <xsl:template name="render-unclear"><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-supplied"><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-surplus"><xsl:apply-templates/></xsl:template>
  <xsl:template name="render-app">
    <xsl:param name="n"/><xsl:param name="lem"/><xsl:param name="others"/><xsl:param name="variant"/>
    <xsl:apply-templates select="$lem/node()"/>
  </xsl:template>
  <xsl:template name="render-note"><xsl:param name="kind"/><xsl:param name="mark"/><xsl:param name="label"/></xsl:template>
  <xsl:template name="render-pb"><xsl:param name="n"/><xsl:param name="sigla"/></xsl:template>
</xsl:stylesheet>
