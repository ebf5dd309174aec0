<?xml version="1.0" encoding="UTF-8"?>
<!-- Print layer: what a document's teiHeader gives the printed page — the heading (date, place,
     type, title), the source note (archive, collection, container, file number, classification,
     the archive's citation, witnesses) and the cross-references to related documents.
     All templates run with a tei:TEI as context and return escaped LaTeX. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" xmlns:src="urn:editio:source"
  exclude-result-prefixes="tei src">

  <xsl:import href="escape.xsl"/>
  <xsl:import href="../common/dates.xsl"/>

  <!-- The title; with $max, cut at a word boundary to at most $max characters (running heads) -->
  <xsl:template name="document-title">
    <xsl:param name="max" select="0"/>
    <xsl:variable name="title"><xsl:call-template name="main-title"/></xsl:variable>
    <xsl:choose>
      <xsl:when test="$max &gt; 0 and string-length($title) &gt; $max">
        <xsl:variable name="cut"><xsl:call-template name="cut-at-space"><xsl:with-param name="s" select="substring($title, 1, $max - 1)"/></xsl:call-template></xsl:variable>
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$cut"/></xsl:call-template>
        <xsl:text>…</xsl:text>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="tex-line"><xsl:with-param name="s" select="$title"/></xsl:call-template></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <!-- everything up to the last space (the whole string if it has none) -->
  <xsl:template name="cut-at-space">
    <xsl:param name="s"/>
    <xsl:if test="contains($s, ' ')">
      <xsl:value-of select="substring-before($s, ' ')"/>
      <xsl:if test="contains(substring-after($s, ' '), ' ')">
        <xsl:text> </xsl:text>
        <xsl:call-template name="cut-at-space"><xsl:with-param name="s" select="substring-after($s, ' ')"/></xsl:call-template>
      </xsl:if>
    </xsl:if>
    <xsl:if test="not(contains($s, ' '))"><xsl:value-of select="$s"/></xsl:if>
  </xsl:template>

  <!-- The document's date as its environment record gives it (@src:date, set by the print builder:
       the date is decided once, in editio.records); without it, the header's first dated element. -->
  <xsl:template name="document-date">
    <xsl:choose>
      <xsl:when test="@src:date">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="@src:date"/></xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:call-template name="document-date-from-header"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>

  <xsl:template name="document-date-from-header">
    <xsl:variable name="profile" select="tei:teiHeader/tei:profileDesc"/>
    <xsl:variable name="date" select="($profile/tei:creation//tei:date[@when or @notBefore or @notAfter]
        | $profile/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:date
        | tei:text//tei:dateline//tei:date[@when or @notBefore or @notAfter])[1]"/>
    <xsl:variable name="label">
      <xsl:choose>
        <xsl:when test="$date/@when or $date/@notBefore or $date/@notAfter">
          <xsl:call-template name="date-description"><xsl:with-param name="date" select="$date"/></xsl:call-template>
        </xsl:when>
        <xsl:otherwise><xsl:value-of select="$date"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:call-template name="tex-line"><xsl:with-param name="s" select="$label"/></xsl:call-template>
  </xsl:template>

  <xsl:template name="document-place">
    <xsl:variable name="profile" select="tei:teiHeader/tei:profileDesc"/>
    <xsl:call-template name="tex-line">
      <xsl:with-param name="s" select="($profile/tei:creation//tei:placeName
          | $profile/tei:correspDesc/tei:correspAction[@type = 'sent']/tei:placeName
          | tei:text//tei:dateline//tei:placeName)[1]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="document-type">
    <xsl:call-template name="tex-line">
      <xsl:with-param name="s" select="tei:teiHeader/tei:profileDesc/tei:textClass/tei:keywords[contains(@scheme, 'record-type')]/tei:term[1]"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template name="doc-label">
    <xsl:param name="id" select="@xml:id"/>
    <xsl:text>doc-</xsl:text>
    <xsl:call-template name="tex-label"><xsl:with-param name="s" select="$id"/></xsl:call-template>
  </xsl:template>

  <!-- ===== source note ===== -->
  <xsl:template name="source-note">
    <xsl:variable name="source" select="tei:teiHeader/tei:fileDesc/tei:sourceDesc"/>
    <xsl:variable name="ms" select="$source/tei:msDesc/tei:msIdentifier"/>
    <xsl:variable name="profile" select="tei:teiHeader/tei:profileDesc"/>
    <xsl:text>\begin{edsource}&#10;</xsl:text>
    <xsl:if test="$ms/tei:institution or $ms/tei:repository or $ms/tei:settlement">
      <xsl:call-template name="source-item">
        <xsl:with-param name="label">Archive</xsl:with-param>
        <xsl:with-param name="nodes" select="$ms/tei:institution | $ms/tei:repository | $ms/tei:settlement"/>
      </xsl:call-template>
    </xsl:if>
    <xsl:call-template name="source-item">
      <xsl:with-param name="label">Collection</xsl:with-param>
      <xsl:with-param name="nodes" select="$ms/tei:collection"/>
    </xsl:call-template>
    <xsl:call-template name="source-item">
      <xsl:with-param name="label">Container</xsl:with-param>
      <xsl:with-param name="nodes" select="$ms/tei:idno[@type = 'container' or @type = 'box']"/>
    </xsl:call-template>
    <xsl:call-template name="source-item">
      <xsl:with-param name="label">File number</xsl:with-param>
      <xsl:with-param name="nodes" select="$ms/tei:altIdentifier[@type = 'file' or not(@type)]/tei:idno[not(@type) or @type = 'file'] | $ms/tei:idno[@type = 'file']"/>
    </xsl:call-template>
    <xsl:variable name="classes" select="$profile/tei:textClass/tei:keywords[contains(@scheme, 'classification')]/tei:term"/>
    <xsl:if test="$classes">
      <xsl:text>\edsourceitem{Classification}{</xsl:text>
      <xsl:for-each select="$classes">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
        <xsl:if test="@type = 'struck'"><xsl:text> (struck through)</xsl:text></xsl:if>
        <xsl:if test="position() != last()">; </xsl:if>
      </xsl:for-each>
      <xsl:text>}&#10;</xsl:text>
    </xsl:if>
    <xsl:call-template name="source-item">
      <xsl:with-param name="label">Subject</xsl:with-param>
      <xsl:with-param name="nodes" select="$profile/tei:textClass/tei:keywords[contains(@scheme, 'subject')]/tei:term"/>
    </xsl:call-template>
    <xsl:for-each select="$profile/tei:correspDesc/tei:correspAction[@type = 'sent' or @type = 'received']">
      <xsl:call-template name="source-item">
        <xsl:with-param name="label"><xsl:choose><xsl:when test="@type = 'sent'">From</xsl:when><xsl:otherwise>To</xsl:otherwise></xsl:choose></xsl:with-param>
        <xsl:with-param name="nodes" select="tei:persName | tei:rs | tei:orgName | tei:placeName"/>
      </xsl:call-template>
    </xsl:for-each>
    <xsl:call-template name="source-item">
      <xsl:with-param name="label">Summary (archive)</xsl:with-param>
      <xsl:with-param name="nodes" select="$profile/tei:abstract/tei:p | $source/tei:msDesc/tei:msContents/tei:summary"/>
    </xsl:call-template>
    <xsl:for-each select="$source/tei:bibl[@type = 'citation']">
      <xsl:text>\edsourceitem{Published}{</xsl:text>
      <xsl:call-template name="tex-line">
        <xsl:with-param name="s">
          <xsl:choose>
            <xsl:when test="tei:note[@type = 'citation']"><xsl:value-of select="tei:note[@type = 'citation']"/></xsl:when>
            <xsl:otherwise><xsl:for-each select="node()[not(self::tei:ref)]"><xsl:value-of select="."/></xsl:for-each></xsl:otherwise>
          </xsl:choose>
        </xsl:with-param>
      </xsl:call-template>
      <xsl:for-each select="tei:ref[@target]">
        <xsl:text> \texttt{\small </xsl:text>
        <xsl:call-template name="tex-url"><xsl:with-param name="s" select="normalize-space(@target)"/></xsl:call-template>
        <xsl:text>}</xsl:text>
      </xsl:for-each>
      <xsl:text>}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:for-each select="$source/tei:listWit/tei:witness">
      <xsl:text>\edsourceitem{Witness \textit{</xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s"><xsl:call-template name="witness-siglum"><xsl:with-param name="witness" select="."/></xsl:call-template></xsl:with-param></xsl:call-template>
      <xsl:text>}}{</xsl:text>
      <xsl:call-template name="tex-line"><xsl:with-param name="s"><xsl:call-template name="witness-description"/></xsl:with-param></xsl:call-template>
      <xsl:text>}&#10;</xsl:text>
    </xsl:for-each>
    <xsl:call-template name="related"/>
    <xsl:text>\end{edsource}&#10;</xsl:text>
  </xsl:template>

  <xsl:template name="source-item">
    <xsl:param name="label"/>
    <xsl:param name="nodes"/>
    <xsl:if test="$nodes[normalize-space()]">
      <xsl:text>\edsourceitem{</xsl:text><xsl:value-of select="$label"/><xsl:text>}{</xsl:text>
      <xsl:for-each select="$nodes[normalize-space()]">
        <xsl:call-template name="tex-line"><xsl:with-param name="s" select="."/></xsl:call-template>
        <xsl:if test="position() != last()">, </xsl:if>
      </xsl:for-each>
      <xsl:text>}&#10;</xsl:text>
    </xsl:if>
  </xsl:template>

  <!-- Related documents (003 <-> 004): correspContext/ref[@type='related'] names the other file;
       listRelation/relation[@name='related'] points at the other document's id. -->
  <xsl:template name="related">
    <xsl:variable name="me" select="@xml:id"/>
    <xsl:variable name="refs" select="tei:teiHeader//tei:correspContext/tei:ref[@type = 'related']/@target"/>
    <xsl:variable name="rels" select="tei:teiHeader//tei:listRelation/tei:relation[@name = 'related']"/>
    <xsl:for-each select="/tei:teiCorpus/tei:TEI[@xml:id != $me]">
      <xsl:variable name="stem" select="substring(@xml:id, 2)"/>
      <xsl:if test="$refs[contains(concat('/', translate(., '\', '/'), '#'), concat('/', $stem, '.xml'))]
                    or $rels[contains(concat(' ', @active, ' ', @passive, ' ', @mutual, ' '), concat('#', current()/@xml:id, ' '))]">
        <xsl:text>\edsourceitem{Related}{Document~</xsl:text>
        <xsl:value-of select="count(preceding-sibling::tei:TEI) + 1"/>
        <xsl:text>, </xsl:text>
        <xsl:call-template name="document-date"/><xsl:text>: \emph{</xsl:text>
        <xsl:call-template name="document-title"/>
        <xsl:text>}, p.~\pageref{</xsl:text>
        <xsl:call-template name="doc-label"/>
        <xsl:text>}}&#10;</xsl:text>
      </xsl:if>
    </xsl:for-each>
  </xsl:template>
</xsl:stylesheet>
