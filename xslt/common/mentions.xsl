<?xml version="1.0" encoding="UTF-8"?>
<!-- Shared layer: names and dates in the text are mentions.  Decides what each stands for (kind,
     register id, whether the register knows it, whether it sits inside another mention or a link)
     and its anchor id, then hands them to the hooks render-name and render-date.

     THE MENTION ANCHOR RULE (Python computes the same id from the TEI; keep both in step):
       a mention is an element persName | placeName | orgName | rs | date | geogName inside the
       document's <text> (/TEI/text, including any group/text in it).  Its anchor id is
         - its @xml:id, when it has one;
         - otherwise D + "-m" + N, where D is /TEI/@xml:id and N the 1-based position of the
           element among all those elements inside /TEI/text, in document order (every such
           element counts, with or without @ref, nested or not, whether or not it gets a link);
         - "m" + N when the TEI element has no @xml:id.
     In Python: [el for el in root.find("tei:text").iter(*MENTION_TAGS)].index(el) + 1. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:num="urn:editio:numbering" exclude-result-prefixes="tei num">

  <xsl:template name="mention-id">
    <xsl:choose>
      <xsl:when test="@xml:id"><xsl:value-of select="@xml:id"/></xsl:when>
      <xsl:otherwise>
        <xsl:variable name="doc" select="string(ancestor::tei:TEI[1]/@xml:id)"/>
        <xsl:if test="$doc"><xsl:value-of select="concat($doc, '-')"/></xsl:if>
        <xsl:text>m</xsl:text>
        <xsl:variable name="num"><xsl:call-template name="num:number-of"><xsl:with-param name="index" select="$num:mentions"/></xsl:call-template></xsl:variable>
        <xsl:choose><xsl:when test="string($num)"><xsl:value-of select="$num"/></xsl:when><xsl:otherwise><xsl:number level="any" from="tei:TEI/tei:text"
          count="tei:persName | tei:placeName | tei:orgName | tei:rs | tei:date | tei:geogName"/></xsl:otherwise></xsl:choose>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- true inside another mention with a pointer, or a link, where a second link cannot nest
       (for dates; Python's records follow the same rule for the timeline) -->
  <xsl:template name="mention-nested">
    <xsl:if test="ancestor::tei:persName[@ref] | ancestor::tei:placeName[@ref] | ancestor::tei:orgName[@ref]
                  | ancestor::tei:geogName[@ref] | ancestor::tei:rs[@ref] | ancestor::tei:ref[@target]">1</xsl:if>
  </xsl:template>

  <!-- For names: true inside a link, or inside another mention whose pointer leads somewhere (an
       entry of the register or of the document, an authority's URL), which is the link.  A pointer
       that leads nowhere (a project's event or role ids: <rs type="event" ref="#ev_1"><rs
       type="person" ref="#pe_2">…) makes no link, so the names inside it keep theirs. -->
  <xsl:template name="name-nested">
    <xsl:variable name="outer">
      <xsl:if test="ancestor::tei:ref[@target]">1</xsl:if>
      <xsl:for-each select="ancestor::*[self::tei:persName or self::tei:placeName or self::tei:orgName
                            or self::tei:geogName or self::tei:rs][@ref]">
        <xsl:call-template name="mention-resolves"/>
      </xsl:for-each>
    </xsl:variable>
    <xsl:if test="contains($outer, '1')">1</xsl:if>
  </xsl:template>

  <!-- "1" when this mention's @ref leads somewhere: a register entry, an entry this document lists
       (person, place, org; or in its text an event, bibl, item, castItem, role), an http(s) URL -->
  <xsl:template name="mention-resolves">
    <xsl:variable name="ref" select="normalize-space(@ref)"/>
    <xsl:variable name="id"><xsl:call-template name="entity-id"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="(starts-with($ref, 'https://') or starts-with($ref, 'http://')) and not(contains($ref, ' '))">1</xsl:when>
      <xsl:when test="starts-with($ref, '#') and key('by-id', string($id))[self::tei:person or self::tei:place or self::tei:org
                      or (ancestor::tei:text and (self::tei:event or self::tei:bibl or self::tei:item or self::tei:castItem or self::tei:role))]">1</xsl:when>
      <xsl:otherwise><xsl:call-template name="entity-known"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template match="tei:persName | tei:placeName | tei:orgName | tei:geogName | tei:rs">
    <xsl:variable name="id"><xsl:if test="@ref"><xsl:call-template name="entity-id"/></xsl:if></xsl:variable>
    <xsl:call-template name="render-name">
      <xsl:with-param name="kind"><xsl:call-template name="entity-kind"/></xsl:with-param>
      <xsl:with-param name="id" select="string($id)"/>
      <xsl:with-param name="known"><xsl:call-template name="entity-known"><xsl:with-param name="id" select="$id"/></xsl:call-template></xsl:with-param>
      <xsl:with-param name="nested"><xsl:call-template name="name-nested"/></xsl:with-param>
      <xsl:with-param name="anchor"><xsl:call-template name="mention-id"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="tei:date">
    <xsl:call-template name="render-date">
      <xsl:with-param name="iso"><xsl:call-template name="date-iso"/></xsl:with-param>
      <xsl:with-param name="nested"><xsl:call-template name="mention-nested"/></xsl:with-param>
      <xsl:with-param name="anchor"><xsl:call-template name="mention-id"/></xsl:with-param>
    </xsl:call-template>
  </xsl:template>

  <!-- default hooks: the text -->
  <xsl:template name="render-name">
    <xsl:param name="kind"/><xsl:param name="id"/><xsl:param name="known"/><xsl:param name="nested"/><xsl:param name="anchor"/>
    <xsl:apply-templates/>
  </xsl:template>
  <xsl:template name="render-date">
    <xsl:param name="iso"/><xsl:param name="nested"/><xsl:param name="anchor"/>
    <xsl:apply-templates/>
  </xsl:template>
</xsl:stylesheet>
